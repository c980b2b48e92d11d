package dev.airflowmcp.cli;

import java.util.List;

/**
 * Walks the arguments of a command: {@code --flag}, {@code --flag value} and {@code --flag=value},
 * with the usage errors every command gives for them.
 */
final class ArgReader {
  private final List<String> args;
  private int index = -1;
  private String arg;
  private String flag;
  private String inlineValue;

  ArgReader(List<String> args) {
    this.args = args;
  }

  /** Moves to the next argument; false when there is none. */
  boolean next() {
    if (++index >= args.size()) {
      return false;
    }
    arg = args.get(index);
    flag = arg;
    inlineValue = null;
    int eq = arg.indexOf('=');
    if (arg.startsWith("--") && eq > 0) {
      flag = arg.substring(0, eq);
      inlineValue = arg.substring(eq + 1);
    }
    return true;
  }

  /** The current flag, without an {@code =value}. */
  String flag() {
    return flag;
  }

  /** Refuses a value given to the current flag, which takes none. */
  void noValue() throws UsageException {
    if (inlineValue != null) {
      throw new UsageException(flag + " takes no value");
    }
  }

  /** The value of the current flag: after {@code =}, else the next argument (then consumed). */
  String value() throws UsageException {
    String value = inlineValue;
    if (value == null) {
      if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
        throw new UsageException(flag + " needs a value");
      }
      value = args.get(++index);
    }
    if (value.isBlank()) {
      throw new UsageException(flag + " needs a value");
    }
    return value;
  }

  /** The error for an argument no case of the command takes. */
  UsageException unexpected() {
    return new UsageException(
        arg.startsWith("-") ? "unknown option '" + arg + "'" : "unexpected argument '" + arg + "'");
  }

  /** {@code value} for a flag that may be given once; {@code previous} is its earlier value. */
  static String once(String flag, String previous, String value) throws UsageException {
    if (previous != null) {
      throw new UsageException(flag + " is given twice");
    }
    return value;
  }
}
