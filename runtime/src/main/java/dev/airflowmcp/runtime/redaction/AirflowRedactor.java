package dev.airflowmcp.runtime.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The server's redactor: everything returned to a model passes through it. Three layers, all
 * masking with {@value Redactor#MASK}:
 *
 * <ol>
 *   <li><b>Airflow's sensitive-key rule</b> on structured data ({@link SensitiveKeys}): strings and
 *       numbers under a sensitive key are masked, also inside objects and arrays at any depth
 *       (Airflow keeps numbers, a known leak); booleans, null and numbers under quantity names
 *       ({@code password_min_length}) stay; JSON documents found inside string values (connection
 *       {@code extra}, variable values, XCom, NDJSON log records) are parsed and masked inside, up
 *       to {@value #MAX_JSON_DEPTH} levels of JSON-in-string.
 *   <li><b>Registered values</b> ({@link SecretRegistry}): configured secrets, the values the key
 *       rule masked, and values the detectors found by name, wherever they occur again, also
 *       URL-encoded or JSON-escaped.
 *   <li><b>Detectors</b> ({@link Detectors}) for secrets nobody registered: cloud keys, VCS, CI,
 *       chat and SaaS tokens, JWTs, private key blocks, credentials in URIs, headers, query strings
 *       and command lines, {@code password=}-style assignments.
 * </ol>
 *
 * <p>Airflow's visible contract is kept: {@code ***} and {@code < hidden >} stay as they are, and
 * text in which nothing is found is returned unchanged, byte for byte. Thread-safe; one instance
 * serves a whole server, so values learned from one result protect the next.
 */
public final class AirflowRedactor implements Redactor {
  private static final Logger LOG = LoggerFactory.getLogger(AirflowRedactor.class);

  /** How many levels of JSON inside strings are parsed. */
  public static final int MAX_JSON_DEPTH = 4;

  /** What replaces a string whose redaction failed (Airflow 3 writes the same). */
  public static final String FAILED = "<redaction-failed>";

  private final SensitiveKeys keys;
  private final SecretRegistry registry;

  /** Values the detectors leave alone ({@code --keep-value}). */
  private final Set<String> keep;

  /** Hears every mask's family (the server's metrics). */
  private volatile MaskListener listener = MaskListener.NONE;

  /** {@link #report}, made once (not a new method reference per string). */
  private final MaskListener reporter = this::report;

  /** Hears the masks of the current call on this thread ({@code redact --explain}). */
  private static final ThreadLocal<MaskListener> CALL = new ThreadLocal<>();

  public AirflowRedactor(SensitiveKeys keys, SecretRegistry registry) {
    this(keys, registry, Set.of());
  }

  /**
   * @param keep values the detectors must not mask (the key rule and registered values still do)
   */
  public AirflowRedactor(SensitiveKeys keys, SecretRegistry registry, Collection<String> keep) {
    this.keys = keys;
    this.registry = registry;
    this.keep = Set.copyOf(new LinkedHashSet<>(keep));
  }

  /** Reports the family of every mask written from now on to {@code listener}. */
  public void listen(MaskListener listener) {
    this.listener = listener == null ? MaskListener.NONE : listener;
  }

  /** The values the detectors leave alone. */
  public Set<String> keptValues() {
    return keep;
  }

  private void report(String family) {
    reports.incrementAndGet();
    try {
      listener.masked(family);
      MaskListener call = CALL.get();
      if (call != null) {
        call.masked(family);
      }
    } catch (RuntimeException e) {
      // A listener must never fail a redaction.
    }
  }

  /**
   * {@link #redactTextOnce} that also tells {@code perCall} the family of each mask, in the order
   * the masks appear in the result.
   */
  public String redactTextOnce(String text, MaskListener perCall) {
    MaskListener previous = CALL.get();
    CALL.set(perCall);
    try {
      return redactTextOnce(text);
    } finally {
      if (previous == null) {
        CALL.remove();
      } else {
        CALL.set(previous);
      }
    }
  }

  /** {@link #redactText} that also tells {@code perCall} the family of each mask, in order. */
  public String redactText(String text, MaskListener perCall) {
    MaskListener previous = CALL.get();
    CALL.set(perCall);
    try {
      return redactText(text);
    } finally {
      if (previous == null) {
        CALL.remove();
      } else {
        CALL.set(previous);
      }
    }
  }

  /**
   * Names this server treats as sensitive in addition to Airflow's: the fernet key (Airflow hides
   * it through its config list, not by name) and credentials of any kind.
   */
  public static final List<String> SERVER_SENSITIVE_KEYS = List.of("fernet_key", "credential");

  /**
   * The redactor a server uses: Airflow's key names, this server's additions and the configured
   * ones; the configured secret values plus {@code ownSecrets} (the server's own Airflow
   * credentials, which must never reach a model either).
   */
  public static AirflowRedactor forServer(RedactionSettings settings, List<String> ownSecrets) {
    List<String> names = new ArrayList<>(SERVER_SENSITIVE_KEYS);
    names.addAll(settings.sensitiveKeys());
    SecretRegistry registry = new SecretRegistry();
    int accepted = registry.addConfigured(settings.values());
    int ignored = settings.values().size() - accepted;
    if (ignored > 0) {
      LOG.warn(
          "{} configured redaction values were ignored (shorter than {} characters,"
              + " repeated, or a mask)",
          ignored,
          SecretRegistry.MIN_LENGTH);
    }
    List<String> own = new ArrayList<>();
    for (String v : ownSecrets) {
      if (v != null) {
        own.add(v);
      }
    }
    registry.addConfigured(own);
    return new AirflowRedactor(new SensitiveKeys(names), registry, settings.keepValues());
  }

  /** Airflow's default key names, an empty registry. */
  public AirflowRedactor() {
    this(new SensitiveKeys(List.of()), new SecretRegistry());
  }

  public SensitiveKeys keys() {
    return keys;
  }

  /** The registered values (configured and learned). */
  public SecretRegistry registry() {
    return registry;
  }

  /** The detector families, for documentation and tests. */
  public static List<String> detectorFamilies() {
    return Detectors.RULES.stream().map(Detectors.Rule::family).toList();
  }

  @Override
  public JsonNode redact(JsonNode node, List<String> sensitiveFields) {
    if (node == null) {
      return null;
    }
    List<String> learned = new ArrayList<>();
    JsonNode result = maskKeys(node, sensitiveFields, learned, new KeyFacts(sensitiveFields));
    registry.learn(learned);
    learned.clear();
    result = redactStrings(result, sensitiveFields, learned, null, new CleanNames());
    if (registry.learn(learned) > 0) {
      // A value learned late (inside a nested document) may have been shown earlier on.
      result = redactStrings(result, sensitiveFields, new ArrayList<>(), null, new CleanNames());
    }
    return result;
  }

  @Override
  public String redactText(String text) {
    if (text == null) {
      return null;
    }
    List<String> learned = new ArrayList<>();
    String out = redactString(text, 0, List.of(), learned);
    registry.learn(learned);
    return out;
  }

  /**
   * Redacts free text without remembering anything it finds (for one-off use, such as checking a
   * file); registered values still apply.
   */
  public String redactTextOnce(String text) {
    return text == null ? null : redactString(text, 0, List.of(), new ArrayList<>());
  }

  /** Pass 1: the key rule on the tree. */
  private JsonNode maskKeys(
      JsonNode node, List<String> extra, List<String> learned, KeyFacts facts) {
    if (node instanceof ObjectNode object) {
      List<String> ignored = facts.ignored;
      JsonNode pairValue = object.get(KeyValuePairs.VALUE);
      if (pairValue != null && !isHarmless(pairValue)) {
        String naming = secretNaming(object, extra);
        if (naming != null) {
          object.set(
              KeyValuePairs.VALUE,
              maskAll(
                  pairValue,
                  naming,
                  naming.isEmpty() || SecretNames.namesASecret(naming) ? learned : ignored,
                  MaskListener.SENSITIVE_KEY));
        }
      }
      for (Map.Entry<String, JsonNode> e : object.properties()) { // set() replaces in place
        JsonNode value = e.getValue();
        int known = facts.of(e.getKey());
        if ((known & KeyFacts.SENSITIVE) != 0) {
          if (!isHarmless(value)) {
            // Masked whatever the name; remembered only under names that really denote a secret.
            object.set(
                e.getKey(),
                maskAll(
                    value,
                    e.getKey(),
                    SecretNames.namesASecret(e.getKey()) ? learned : ignored,
                    MaskListener.SENSITIVE_KEY));
          }
        } else if ((known & KeyFacts.VALUE_RULES) == 0) {
          // No value rule can act under this name (decided by the name alone): nothing to mask.
          if (value.isContainer()) {
            maskKeys(value, extra, learned, facts);
          }
        } else if (value.isString()
            && namedClean.seen(e.getKey(), value.asString(), List.of(), NAMED)) {
          // This name held this value before, and the rules below left it alone.
        } else if ((value.isString() || value.isNumber())
            && SecretNames.maskUnderName(e.getKey(), value.asString(), value.isNumber())
            && !keep.contains(value.asString())) {
          object.set(e.getKey(), maskAll(value, e.getKey(), learned, MaskListener.SECRET_NAME));
        } else if (value.isString()
            && Shapes.secretUnderName(e.getKey(), value.asString())
            && !keep.contains(value.asString())) {
          object.set(e.getKey(), StringNode.valueOf(MASK)); // random by its shape: not learned
          report("shape");
        } else if (Codes.maskUnderName(e.getKey(), value, keep)) {
          object.set(e.getKey(), StringNode.valueOf(MASK)); // a code under a purpose name
          report("codes");
        } else if (value.isString()) {
          namedClean.add(e.getKey(), value.asString(), List.of(), NAMED);
        } else {
          maskKeys(value, extra, learned, facts);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode item : array) {
        maskKeys(item, extra, learned, facts);
      }
    }
    return node;
  }

  /**
   * What pass 1 needs to know about a property name, decided once per name instance in one walk
   * (the parser shares name instances, so a page's repeated names cost an array read): whether the
   * key rule masks it, and whether any value rule ({@link SecretNames#maskUnderName}, {@link
   * Shapes#secretUnderName}, {@link Codes#maskUnderName}) could act under it at all.
   */
  private final class KeyFacts {
    static final int SENSITIVE = 1;
    static final int VALUE_RULES = 2;

    private final List<String> extra;
    private final NameSlots known = new NameSlots();

    /** Where values masked under names that denote no secret go (never read). */
    final List<String> ignored = new ArrayList<>();

    KeyFacts(List<String> extra) {
      this.extra = extra;
    }

    int of(String name) {
      int f = known.get(name);
      if (f >= 0) {
        return f;
      }
      f = keys.isSensitive(name, extra) ? SENSITIVE : 0;
      if (SecretNames.mayMaskUnderName(name)
          || Shapes.maySecretUnderName(name)
          || Codes.mayMaskUnderName(name)) {
        f |= VALUE_RULES;
      }
      known.put(name, f);
      return f;
    }
  }

  /**
   * The sensitive name a naming property ({@code key}, {@code name}, …) holds, {@code ""} for a
   * key-naming property ({@code keyName}), or null when the object names no secret.
   */
  private String secretNaming(ObjectNode object, List<String> extra) {
    for (String naming : KeyValuePairs.KEY_NAMING) {
      JsonNode n = object.get(naming);
      if (n != null && n.isString()) {
        return "";
      }
    }
    for (String naming : KeyValuePairs.NAMING) {
      JsonNode n = object.get(naming);
      if (n != null && n.isString() && keys.isSensitive(n.asString(), extra)) {
        return n.asString();
      }
    }
    return null;
  }

  /** Null, empty and already-masked values keep their meaning. */
  private static boolean isHarmless(JsonNode value) {
    if (value == null || value.isNull()) {
      return true;
    }
    if (value.isString()) {
      String s = value.asString();
      return s.isEmpty() || Masks.isMasked(s);
    }
    return false;
  }

  /** Masks {@code value}, found under the property {@code name}, and everything inside it. */
  private JsonNode maskAll(JsonNode value, String name, List<String> learned, String family) {
    if (value instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> e : object.properties()) { // set() replaces in place
        if (!isHarmless(e.getValue())) {
          object.set(e.getKey(), maskAll(e.getValue(), e.getKey(), learned, family));
        }
      }
      return object;
    }
    if (value instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (!isHarmless(array.get(i))) {
          array.set(i, maskAll(array.get(i), name, learned, family));
        }
      }
      return array;
    }
    if (value.isBoolean() || (value.isNumber() && SecretNames.quantityName(name))) {
      return value; // a flag cannot carry a secret; password_min_length: 12 is a quantity
    }
    if (value.isString() && !keep.contains(value.asString())) {
      learned.add(value.asString());
    }
    report(family);
    return StringNode.valueOf(MASK);
  }

  /** Pass 2: every string (and property name) through the text layers. */
  private JsonNode redactStrings(
      JsonNode node, List<String> extra, List<String> learned, String name, CleanNames clean) {
    if (node instanceof ObjectNode object) {
      boolean renamed = false;
      List<String> changedKeys = null;
      List<JsonNode> changedValues = null;
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        renamed |= !(clean.has(e.getKey()) || cleanKey(e.getKey(), extra, learned, clean));
        JsonNode value = e.getValue();
        JsonNode redacted = redactStrings(value, extra, learned, e.getKey(), clean);
        if (redacted != value) {
          if (changedKeys == null) {
            changedKeys = new ArrayList<>();
            changedValues = new ArrayList<>();
          }
          changedKeys.add(e.getKey());
          changedValues.add(redacted);
        }
      }
      if (changedKeys != null) {
        for (int i = 0; i < changedKeys.size(); i++) {
          object.set(changedKeys.get(i), changedValues.get(i));
        }
      }
      if (!renamed) {
        return object;
      }
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        copy.set(safely(e.getKey(), MAX_JSON_DEPTH, extra, learned, null), e.getValue());
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        JsonNode redacted = redactStrings(item, extra, learned, null, clean);
        if (redacted != item) {
          array.set(i, redacted);
        }
      }
      return array;
    }
    if (node != null && node.isString()) {
      String s = node.asString();
      if (s.isEmpty() || Masks.isMasked(s)) {
        return node;
      }
      // A generic name (value, data, …) is no name to the token scan: passed as none, as the scan
      // would treat it, decided once per name instance in this walk.
      String as = name == null || clean.generic(name) ? null : name;
      // Registered values are shared with other calls, which may add some during this walk.
      Object generation = registry.generation();
      if (unchanged.seen(as, s, extra, generation)) {
        return node; // the same value under the same name came through unchanged before
      }
      if (!SecretPrefilter.mayHoldSecret(s)) {
        // Most values of a page: only registered values can occur (see redactString). Cheap to
        // judge again, so remembered only in a free slot (unique values such as timestamps must
        // not push out the verdicts that cost a scan).
        long reported = reports.get();
        String r = safelyRegistered(s);
        if (r == s) {
          if (reports.get() == reported && registry.generation() == generation) {
            unchanged.add(as, s, extra, generation, true);
          }
          return node;
        }
        return StringNode.valueOf(r);
      }
      int knew = learned.size();
      long reported = reports.get();
      String r = safelySuspect(s, extra, learned, as);
      if (r.equals(s)) {
        if (learned.size() == knew
            && reports.get() == reported
            && registry.generation() == generation) {
          // Nothing masked, learned or counted (a mask by another thread only forgoes this).
          unchanged.add(as, s, extra, generation);
        }
        return node;
      }
      return StringNode.valueOf(r);
    }
    return node;
  }

  /**
   * Whether a property name needs no mask. Decided once per distinct name for the current
   * registered values: the same names recur in every result.
   */
  private boolean cleanKey(String key, List<String> extra, List<String> learned, CleanNames memo) {
    Object generation = registry.generation();
    if (cleanKeys.get(key) == generation) {
      memo.add(key);
      return true;
    }
    boolean clean = safely(key, MAX_JSON_DEPTH, extra, learned, null).equals(key);
    if (clean && key.length() <= 128) {
      if (cleanKeys.size() >= NameCache.MAX) {
        cleanKeys.clear();
      }
      cleanKeys.put(key, generation);
      memo.add(key);
    }
    return clean;
  }

  /**
   * The property names one walk found clean, by identity: a page repeats the same few dozen name
   * instances (the parser shares them) in every item, so after the first item a name costs an array
   * read instead of a lookup in {@link #cleanKeys}. Only for one walk, during which the walk itself
   * registers nothing (what it learns is registered after it), so a verdict holds for the rest of
   * the walk.
   */
  private static final class CleanNames {
    private static final int CLEAN = 1;
    private static final int GENERIC = 2;
    private static final int SPECIFIC = 4;

    /** Per name instance: {@link #CLEAN} once found clean, and whether it is generic. */
    private final NameSlots facts = new NameSlots();

    boolean has(String name) {
      int f = facts.get(name);
      return f >= 0 && (f & CLEAN) != 0;
    }

    void add(String name) {
      int f = facts.get(name);
      facts.put(name, f < 0 ? CLEAN : f | CLEAN);
    }

    /** {@link Shapes#genericName}, asked of its cache once per name instance in this walk. */
    boolean generic(String name) {
      int f = facts.get(name);
      if (f >= 0 && (f & (GENERIC | SPECIFIC)) != 0) {
        return (f & GENERIC) != 0;
      }
      boolean g = Shapes.genericName(name);
      facts.put(name, (f < 0 ? 0 : f) | (g ? GENERIC : SPECIFIC));
      return g;
    }
  }

  /**
   * (name, value) pairs that pass 1's name rules left alone (they depend on the pair alone: the
   * rules and the kept values are fixed), across calls.
   */
  private final CleanPairs namedClean = new CleanPairs();

  /** What {@link #namedClean} files its pairs under: pass 1 depends on no registered value. */
  private static final Object NAMED = new Object();

  /**
   * Values (with the name they were redacted under) that pass 2 returned unchanged with nothing
   * learned or masked, for the extra names and the registered values they were judged with.
   */
  private final CleanPairs unchanged = new CleanPairs();

  /** Masks reported so far by any thread; a walk compares it before and after a value. */
  private final java.util.concurrent.atomic.AtomicLong reports =
      new java.util.concurrent.atomic.AtomicLong();

  /** Property names found clean, with the registry generation they were checked against. */
  private final java.util.concurrent.ConcurrentHashMap<String, Object> cleanKeys =
      new java.util.concurrent.ConcurrentHashMap<>();

  private String safely(
      String s, int depth, List<String> extra, List<String> learned, String name) {
    try {
      return redactString(s, depth, extra, learned, 0, name);
    } catch (RuntimeException | StackOverflowError e) {
      LOG.warn("redaction failed for one value: {}", e.getClass().getSimpleName());
      return FAILED;
    }
  }

  /** {@link #safely} at depth 0 for a value the prefilter let through (not empty, no mask). */
  private String safelySuspect(String s, List<String> extra, List<String> learned, String name) {
    try {
      return redactSuspect(s, 0, extra, learned, 0, name);
    } catch (RuntimeException | StackOverflowError e) {
      LOG.warn("redaction failed for one value: {}", e.getClass().getSimpleName());
      return FAILED;
    }
  }

  /** {@link #safely} for a value the prefilter turned away (not empty, no mask). */
  private String safelyRegistered(String s) {
    try {
      return registeredOnly(s);
    } catch (RuntimeException | StackOverflowError e) {
      LOG.warn("redaction failed for one value: {}", e.getClass().getSimpleName());
      return FAILED;
    }
  }

  /** One string: JSON inside it, then registered values and detectors. */
  String redactString(String s, int depth, List<String> extra, List<String> learned) {
    return redactString(s, depth, extra, learned, 0);
  }

  /** One string, {@code decodeDepth} levels of base64 or URL encoding down. */
  private String redactString(
      String s, int depth, List<String> extra, List<String> learned, int decodeDepth) {
    return redactString(s, depth, extra, learned, decodeDepth, null);
  }

  /** One string under a property {@code name} (null: none known). */
  private String redactString(
      String s, int depth, List<String> extra, List<String> learned, int decodeDepth, String name) {
    if (s.isEmpty() || Masks.isMasked(s)) {
      return s;
    }
    if (!SecretPrefilter.mayHoldSecret(s)) {
      // No detector, shape rule, decoder or JSON reading could fire (SecretPrefilter, kept beside
      // the mechanisms it guards; it asks the detectors' keywords itself): only registered values
      // can occur (most values of a page).
      return registeredOnly(s);
    }
    return redactSuspect(s, depth, extra, learned, decodeDepth, name);
  }

  /** Registered values only: for a string no detector could act on. */
  private String registeredOnly(String s) {
    if (registry.isEmpty()) {
      return s;
    }
    Spans spans = new Spans();
    registry.find(s, spans.as(MaskListener.REGISTERED));
    spans.dropKept(s, keep);
    return spans.apply(s, MASK, reporter);
  }

  /**
   * A string the prefilter let through: JSON inside it, then the detectors and registered values.
   * Package-private so that a test can run it on strings the prefilter turns away.
   */
  String redactSuspect(
      String s, int depth, List<String> extra, List<String> learned, int decodeDepth, String name) {
    if (depth < MAX_JSON_DEPTH && JsonText.looksLikeJson(s)) {
      String r =
          JsonText.rewrite(
              s,
              depth,
              new JsonText.Strings() {
                @Override
                public String redact(String value, int d) {
                  return redactString(value, d, extra, learned, decodeDepth, null);
                }

                @Override
                public String redact(String value, int d, String name) {
                  return redactString(value, d, extra, learned, decodeDepth, name);
                }

                @Override
                public boolean sensitive(String name) {
                  return keys.isSensitive(name, extra);
                }

                @Override
                public boolean secretUnder(String name, String value, boolean number) {
                  if (HarmlessContexts.idUnderName(name, value)) {
                    return false; // a commit or content id under "remote", "sha", … (issue 12)
                  }
                  return SecretNames.maskUnderName(name, value, number)
                      || (!number && Shapes.secretUnderName(name, value))
                      || (number
                          ? Codes.numberUnderName(name, value)
                          : Codes.secretUnderName(name, value));
                }

                @Override
                public void masked(String name, String value) {
                  if ((name == null || SecretNames.namesASecret(name)) && !keep.contains(value)) {
                    learned.add(value);
                  }
                }

                @Override
                public void mask(String family) {
                  report(family);
                }

                @Override
                public boolean kept(String value) {
                  return keep.contains(value);
                }
              });
      if (r != null) {
        return r;
      }
    }
    Spans spans = new Spans();
    collect(s, spans, learned, decodeDepth, name);
    spans.dropKept(s, keep);
    return spans.apply(s, MASK, reporter);
  }

  /** What decoding finds inside a base64 or URL-encoded value. */
  private Spans decoded(String d, int decodeDepth) {
    Spans spans = new Spans();
    if (JsonText.looksLikeJson(d)) {
      String r = redactString(d, 0, List.of(), new ArrayList<>(), decodeDepth);
      if (!r.equals(d)) {
        spans.add(0, d.length());
      }
      return spans;
    }
    collect(d, spans, new ArrayList<>(), decodeDepth, null);
    spans.dropKept(d, keep);
    return spans;
  }

  /** Registered values, detectors and the token scan on text. */
  private void collect(String s, Spans spans, List<String> learned, int decodeDepth, String name) {
    if (!registry.isEmpty()) {
      registry.find(s, spans.as(MaskListener.REGISTERED));
    }
    new Tokens.Scan(s, spans::add, this::decoded, decodeDepth, name).run();
    KubernetesSecrets.find(s, spans.as("kubernetes-secret"));
    Tables.find(s, spans.as("table-column"));
    List<String> found = new ArrayList<>();
    // Detectors.DEFAULT is read here, not kept in a field: its patterns and keyword table are
    // then built on the first redaction, not while the server starts.
    if (Detectors.DEFAULT.detect(s, spans, found)) { // one keyword pass: finds and detects
      Tables.findDelimited(s, spans.as("table-column"));
      Tables.findPairs(s, spans.as("name-value-row"));
      AlignedTables.find(s, spans.as("table-column")); // space-aligned and box tables (issue 12)
      int firstLine = s.indexOf('\n');
      if (firstLine > 0 && s.lastIndexOf(';', firstLine) >= 0) { // a ';' header on the first line
        Tables.findDelimited(s, spans.as("table-column"), ';');
      }
      List<String> echoes = null;
      for (String v : found) {
        if (worthRemembering(v) && !keep.contains(v)) {
          learned.add(v);
          if (echoes == null) {
            echoes = new ArrayList<>();
          }
          echoes.add(v);
        }
      }
      if (echoes != null) {
        spans.as("found-value");
        // The same values elsewhere in this text, without the names that gave them away.
        if (s.length() < 8192) {
          for (String v : echoes) {
            for (int i = s.indexOf(v); i >= 0; i = s.indexOf(v, i + v.length())) {
              spans.add(i, i + v.length());
            }
          }
        } else {
          ExactMatcher.withRepeats(echoes).find(s, spans);
        }
      }
    }
    // Last, so that a range another rule found keeps that rule's family in --explain.
    ContextScorer.find(s, name, spans); // shape and context of every token, any tool (issue 12)
    LabelledValues.find(s, spans.as("labelled-value"));
    LabelledValues.findCryptoLiterals(s, spans.as("crypto-literal"));
    LabelledValues.findPrintedSecrets(s, spans.as("printed-secret"));
    LabelledValues.findNamedValues(s, spans.as("named-value"));
    HarmlessContexts.drop(s, name, spans); // placeholders, commit ids, cache keys, patterns
  }

  /**
   * Values found by name are remembered and masked wherever else they occur, unless they are short
   * or a plain lower-case word (which would mask ordinary text).
   */
  static boolean worthRemembering(String v) {
    if (v.length() < 6 || !SecretRegistry.learnable(v)) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(c >= 'a' && c <= 'z')) {
        return true;
      }
    }
    return false;
  }
}
