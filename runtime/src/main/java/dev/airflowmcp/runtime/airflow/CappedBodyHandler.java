package dev.airflowmcp.runtime.airflow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a body into memory, failing fast with {@link BodyTooLarge} once it exceeds the cap (at once
 * when {@code Content-Length} says it will). The body is copied as it arrives, so every step is
 * non-blocking. Remembers whether headers arrived, which tells a failure before any answer from a
 * broken one.
 */
final class CappedBodyHandler implements HttpResponse.BodyHandler<byte[]> {
  private final int max;
  private volatile boolean headersReceived;

  CappedBodyHandler(int max) {
    this.max = max;
  }

  /** Whether Airflow's status line and headers arrived. */
  boolean headersReceived() {
    return headersReceived;
  }

  @Override
  public BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    headersReceived = true;
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new CappedBody(max, declared);
  }

  /** Signals that the body exceeded the cap; never leaves the transport. */
  static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge() {
      super("body larger than the cap", null);
    }
  }

  private static final class CappedBody implements BodySubscriber<byte[]> {
    private final int max;
    private final long declared;
    private final Buffer out;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(int max, long declared) {
      this.max = max;
      this.declared = declared;
      // Sized to the declared length (within the cap), so a large page is not copied as it grows.
      this.out = new Buffer(declared >= 0 && declared <= max ? (int) declared : 8192);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (declared > max) {
        s.cancel();
        result.completeExceptionally(new BodyTooLarge());
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer buffer : items) {
        int n = buffer.remaining();
        if ((long) out.size() + n > max) {
          subscription.cancel();
          result.completeExceptionally(new BodyTooLarge());
          return;
        }
        if (buffer.hasArray()) {
          out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
          buffer.position(buffer.position() + n);
        } else {
          byte[] chunk = new byte[n];
          buffer.get(chunk);
          out.write(chunk, 0, n);
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(out.bytes());
    }
  }

  /** A byte buffer that hands over its array when it is exactly full (no final copy). */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(size);
    }

    byte[] bytes() {
      return count == buf.length ? buf : Arrays.copyOf(buf, count);
    }
  }
}
