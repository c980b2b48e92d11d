package com.acme;

/** A source the user wrote: the generator must neither delete nor overwrite it. */
public final class Handwritten {
  private Handwritten() {}
}
