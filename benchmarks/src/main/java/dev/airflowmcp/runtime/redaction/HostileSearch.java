package dev.airflowmcp.runtime.redaction;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A systematic search for inputs that make the redactor slow: every keyword of every rule of {@link
 * Detectors} and {@link FormatRules} (which includes the {@link Assignments}, {@link Codes} and
 * {@link CommandOutput} keywords) and every word listed in the static string collections of the
 * engine's classes ({@link ContextScorer}'s cue words, {@link SecretNames}, …) is repeated into an
 * input: alone, with a space, with {@code =}, and, for rule keywords, each followed by every
 * trigger of {@link #TAILS} once at the end (a window rule then matches at the last occurrence and
 * may read its window again from each earlier one). Classic shapes are added too.
 *
 * <p>Screened at {@code screenChars} (default 64 K) with the whole {@code redactTextOnce}, CPU time
 * of the thread scaled to 1 MB; the slowest {@code confirm} are then run at 1 MB, best of three,
 * and the worst {@code top} printed. Lives in the benchmarks module, in the redaction package (a
 * split package on the class path) to read the package-private rule lists; changes nothing.
 *
 * <p>Used by {@code RedactionAdversarial --search [--screen CHARS] [--top N]}.
 */
public final class HostileSearch {
  private HostileSearch() {}

  /** One shape: its name and how to build it at a given size. */
  public record Shape(String name, String unit, String tail) {
    String build(int chars) {
      int n = Math.max(1, (chars - tail.length()) / unit.length());
      return unit.repeat(n) + tail;
    }
  }

  /** One measured shape: CPU ms at 1 MB (or scaled to 1 MB when screened). */
  public record Found(Shape shape, double msPerMb) {}

  /** Triggers put once after a run of a keyword. */
  static final List<String> TAILS =
      List.of(
          " -A x",
          " -X Ab1#xY9!q",
          " <<< x",
          " <<< Ab1#xY9!q",
          " --password Ab1#xY9!q",
          " -p Ab1#xY9!q",
          " -w Ab1#xY9!q",
          " -c Ab1#xY9!q",
          " -a Ab1#xY9!q",
          " --value Ab1#xY9!q",
          " /user:x Ab1#xY9!q",
          " -U u%Ab1#xY9!q",
          " -u u,Ab1#xY9!q",
          " -u u:'Ab1#xY9!q'",
          " | kinit",
          " | docker login --password-stdin",
          " u:Ab1#xY9!q@tcp(h)",
          "\nAb1#xY9!qZ",
          " password Ab1#xY9!qZ",
          " = Ab1#xY9!qZ",
          "('a', 'Ab1#xY9!qZ')",
          " Ab1#xY9!qZ@host",
          " -stdin",
          " /user:x");

  /** Classes whose static string collections hold the words the engine reacts to. */
  private static final List<Class<?>> WORD_CLASSES =
      List.of(
          ContextScorer.class,
          SecretNames.class,
          Codes.class,
          CommandOutput.class,
          HarmlessShapes.class,
          Statements.class,
          SensitiveKeys.class,
          SecretReferences.class,
          ValueKinds.class,
          Shapes.class,
          Assignments.class,
          Tokens.class);

  /** Every shape searched. */
  public static List<Shape> shapes() {
    Set<String> ruleWords = new LinkedHashSet<>();
    List<Detectors.Rule> rules = new ArrayList<>(Detectors.RULES);
    rules.addAll(FormatRules.RULES);
    for (Detectors.Rule r : rules) {
      ruleWords.addAll(r.keywords());
    }
    Set<String> otherWords = new LinkedHashSet<>();
    for (Class<?> c : WORD_CLASSES) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())
            || !Collection.class.isAssignableFrom(f.getType())) {
          continue;
        }
        try {
          f.setAccessible(true);
          for (Object o : (Collection<?>) f.get(null)) {
            if (o instanceof String s && s.length() >= 2 && s.length() <= 40) {
              otherWords.add(s);
            }
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          // a field not readable: its words are left out
        }
      }
    }
    otherWords.removeAll(ruleWords);
    List<Shape> out = new ArrayList<>();
    for (String w : ruleWords) {
      out.add(new Shape("[" + w + "]*", w, ""));
      out.add(new Shape("[" + w + " ]*", w + " ", ""));
      out.add(new Shape("[" + w + "=]*", w + "=", ""));
      out.add(new Shape("[" + w + " x ]*", w + " x ", ""));
      for (String t : TAILS) {
        out.add(new Shape("[" + w + " ]* then " + t.replace("\n", "\\n"), w + " ", t));
      }
    }
    for (String w : otherWords) {
      out.add(new Shape("[" + w + "]*", w, ""));
      out.add(new Shape("[" + w + " ]*", w + " ", ""));
      out.add(new Shape("[" + w + "=]*", w + "=", ""));
      out.add(new Shape("[" + w + ": Ab1#xY9!qZ ]*", w + ": Ab1#xY9!qZ ", ""));
      out.add(new Shape("[" + w + " ]* then  <<< x", w + " ", " <<< x"));
      out.add(new Shape("[" + w + " ]* then  = Ab1#xY9!qZ", w + " ", " = Ab1#xY9!qZ"));
    }
    // Classic shapes.
    for (String u :
        List.of(
            "\"",
            "'",
            "\\\"",
            "a=",
            "a=\"",
            "='",
            "{\"a\":\"",
            "\\\\\"",
            "%3D",
            "%25",
            "${",
            "{{",
            "://",
            "@",
            ":@",
            "u:p@",
            "-----BEGIN ",
            "[",
            "{",
            "\\n",
            "\n",
            " \n",
            "Ab1#",
            "QUJD",
            "eyJ",
            "0x",
            "$2y$",
            "- ",
            "| ",
            ": ",
            "\t",
            "echo x | ",
            "x | ")) {
      out.add(new Shape("classic [" + u.replace("\n", "\\n") + "]*", u, ""));
    }
    return out;
  }

  /** Screens every shape and confirms the slowest at 1 MB; returns them slowest first. */
  public static List<Found> search(int screenChars, int confirm, boolean progress) {
    AirflowRedactor redactor = new AirflowRedactor();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<Shape> shapes = shapes();
    if (progress) {
      System.err.printf("%d shapes%n", shapes.size());
    }
    // Warm up.
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < shapes.size(); k += 50) {
        redactor.redactTextOnce(shapes.get(k).build(screenChars));
      }
    }
    List<Found> screened = new ArrayList<>();
    int done = 0;
    for (Shape s : shapes) {
      String text = s.build(screenChars);
      long c0 = mx.getCurrentThreadCpuTime();
      redactor.redactTextOnce(text);
      long cpu = mx.getCurrentThreadCpuTime() - c0;
      screened.add(new Found(s, cpu / 1e6 * (1 << 20) / text.length()));
      if (progress && ++done % 2000 == 0) {
        System.err.printf("%d screened%n", done);
      }
    }
    screened.sort(Comparator.comparingDouble(Found::msPerMb).reversed());
    Map<Shape, Double> best = new LinkedHashMap<>();
    for (Found f : screened.subList(0, Math.min(confirm, screened.size()))) {
      String text = f.shape().build(1 << 20);
      double min = Double.MAX_VALUE;
      for (int r = 0; r < 3; r++) {
        long c0 = mx.getCurrentThreadCpuTime();
        redactor.redactTextOnce(text);
        min = Math.min(min, (mx.getCurrentThreadCpuTime() - c0) / 1e6);
      }
      best.put(f.shape(), min);
    }
    List<Found> out = new ArrayList<>();
    best.forEach((k, v) -> out.add(new Found(k, v)));
    out.sort(Comparator.comparingDouble(Found::msPerMb).reversed());
    return out;
  }
}
