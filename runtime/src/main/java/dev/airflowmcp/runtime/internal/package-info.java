/**
 * Helpers for generated code only. Nothing here is a public API: it may change with any release of
 * the generator, together with the code it generates.
 */
package dev.airflowmcp.runtime.internal;
