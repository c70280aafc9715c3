package org.opencdp.quality.rules;

import com.google.protobuf.Timestamp;
import com.google.re2j.Pattern;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.exceptions.CelBadFormatException;
import dev.cel.common.exceptions.CelInvalidArgumentException;
import dev.cel.common.internal.ProtoTimeUtils;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.optimizer.CelOptimizationException;
import dev.cel.optimizer.CelOptimizer;
import dev.cel.optimizer.CelOptimizerFactory;
import dev.cel.optimizer.optimizers.ConstantFoldingOptimizer;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.CelVariableResolver;
import dev.cel.runtime.standard.TimestampFunction.TimestampOverload;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencdp.event.IsoInstants;

/**
 * Rule expressions in CEL (Common Expression Language): side-effect free, no reflection, no I/O,
 * nothing but the declared variables and CEL's standard functions can be named, and evaluation is
 * bounded (no loops beyond bounded comprehensions). An expression is a boolean: true means the
 * event passes.
 *
 * <p>Variables: {@code event} (the whole enriched event as JSON), {@code properties}, {@code
 * traits}, {@code context} (maps, empty when absent) and {@code now} (a timestamp).
 *
 * <p>Evaluated once per event and rule, so a compiled expression does once what does not depend on
 * the event: constant subexpressions such as {@code duration('24h')} are folded when it is
 * compiled, and the patterns of {@code matches} are compiled once and kept (the standard runtime
 * compiles the pattern on every call); the answers are those of the standard functions.
 */
public final class Expressions {

  /** Longest expression accepted, in code points. */
  static final int MAX_LENGTH = 2_000;

  private static final MapType JSON_OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);

  /** Compiled {@code matches} patterns kept at most; beyond it the cache starts over. */
  private static final int MAX_PATTERNS = 1_000;

  private final Cel cel;
  private final CelOptimizer optimizer;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  public Expressions() {
    CelOptions options =
        CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .maxExpressionCodePointSize(MAX_LENGTH)
            .comprehensionMaxIterations(1_000)
            .maxRegexProgramSize(1_000)
            .enableTimestampEpoch(true)
            .build();
    this.cel =
        CelFactory.standardCelBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("event", JSON_OBJECT)
            .addVar("properties", JSON_OBJECT)
            .addVar("traits", JSON_OBJECT)
            .addVar("context", JSON_OBJECT)
            .addVar("now", SimpleType.TIMESTAMP)
            .setResultType(SimpleType.BOOL)
            .setStandardEnvironmentEnabled(false)
            .setStandardDeclarations(CelStandardDeclarations.newBuilder().build())
            .setStandardFunctions(
                CelStandardFunctions.newBuilder()
                    .filterFunctions(
                        (function, overload) ->
                            function != CelStandardFunctions.StandardFunction.MATCHES
                                && overload != TimestampOverload.STRING_TO_TIMESTAMP)
                    .build())
            .addFunctionBindings(
                CelFunctionBinding.from(
                    "string_to_timestamp", String.class, Expressions::timestamp),
                CelFunctionBinding.from(
                    "matches", String.class, String.class, (s, re) -> matches(s, re, options)),
                CelFunctionBinding.from(
                    "matches_string",
                    String.class,
                    String.class,
                    (s, re) -> matches(s, re, options)))
            .build();
    this.optimizer =
        CelOptimizerFactory.standardCelOptimizerBuilder(cel)
            .addAstOptimizers(ConstantFoldingOptimizer.getInstance())
            .build();
  }

  /** 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z: where the fast path of timestamp() applies. */
  private static final long FAST_MIN = -2_208_988_800L;

  private static final long FAST_MAX = 253_402_300_799L;

  /**
   * CEL's {@code timestamp(string)}: the form {@link Instant#toString()} writes (which is how
   * {@code event.timestamp} and the other instants of {@code event} read) is parsed directly,
   * anything else by the standard function's own parser, with its answers and its errors.
   */
  static Object timestamp(String text) {
    if (!text.isEmpty() && text.charAt(text.length() - 1) == 'Z') {
      Instant instant = IsoInstants.parseCanonical(text);
      if (instant != null
          && instant.getEpochSecond() >= FAST_MIN
          && instant.getEpochSecond() <= FAST_MAX) {
        return Timestamp.newBuilder()
            .setSeconds(instant.getEpochSecond())
            .setNanos(instant.getNano())
            .build();
      }
    }
    try {
      return ProtoTimeUtils.parse(text);
    } catch (ParseException e) {
      throw new CelBadFormatException(e);
    }
  }

  /** CEL's {@code matches} (RE2, the program-size bound, partial match) on a kept pattern. */
  private Object matches(String string, String regex, CelOptions options)
      throws CelInvalidArgumentException {
    try {
      Pattern pattern = patterns.get(regex);
      if (pattern == null) {
        pattern = Pattern.compile(regex);
        int max = options.maxRegexProgramSize();
        if (max >= 0 && pattern.programSize() > max) {
          throw new IllegalArgumentException(
              String.format(
                  "Regex pattern exceeds allowed program size. Allowed: %d, Provided: %d",
                  max, pattern.programSize()));
        }
        if (patterns.size() >= MAX_PATTERNS) {
          patterns.clear();
        }
        patterns.put(regex, pattern);
      }
      return options.enableRegexPartialMatch()
          ? pattern.matcher(string).find()
          : pattern.matcher(string).matches();
    } catch (RuntimeException e) {
      throw new CelInvalidArgumentException(e);
    }
  }

  /** A compiled expression; thread-safe. */
  public static final class Expression {
    private final String source;
    private final CelRuntime.Program program;

    private Expression(String source, CelRuntime.Program program) {
      this.source = source;
      this.program = program;
    }

    public String source() {
      return source;
    }

    /** Whether the event passes; an expression that cannot be evaluated throws. */
    public boolean test(Map<String, ?> variables) throws EvaluationFailed {
      try {
        return Boolean.TRUE.equals(program.eval(variables));
      } catch (CelEvaluationException | RuntimeException e) {
        throw new EvaluationFailed(e.getMessage());
      }
    }

    /** The same, with variables resolved when the expression names them. */
    public boolean test(CelVariableResolver variables) throws EvaluationFailed {
      try {
        return Boolean.TRUE.equals(program.eval(variables));
      } catch (CelEvaluationException | RuntimeException e) {
        throw new EvaluationFailed(e.getMessage());
      }
    }
  }

  /** Why an expression gave no answer for one event (a missing key, a type clash...). */
  public static final class EvaluationFailed extends Exception {
    EvaluationFailed(String message) {
      super(message, null, false, false);
    }
  }

  /** Parses and type-checks {@code source}; refuses it with the compiler's words otherwise. */
  public Expression compile(String source, String field) {
    if (source == null || source.isBlank()) {
      throw new DefinitionInvalid(field, "an expression is required");
    }
    if (source.codePointCount(0, source.length()) > MAX_LENGTH) {
      throw new DefinitionInvalid(field, "longer than " + MAX_LENGTH + " characters");
    }
    try {
      CelValidationResult result = cel.compile(source);
      if (result.hasError()) {
        throw new DefinitionInvalid(field, firstLines(result.getIssueString()));
      }
      return new Expression(source, cel.createProgram(folded(result.getAst())));
    } catch (CelValidationException | CelEvaluationException e) {
      throw new DefinitionInvalid(field, firstLines(e.getMessage()));
    } catch (RuntimeException e) {
      throw new DefinitionInvalid(field, "not a valid expression: " + e.getMessage());
    }
  }

  /** Constant subexpressions folded; the checked tree itself if folding gives up. */
  private CelAbstractSyntaxTree folded(CelAbstractSyntaxTree ast) {
    try {
      return optimizer.optimize(ast);
    } catch (CelOptimizationException | RuntimeException e) {
      return ast;
    }
  }

  private static String firstLines(String message) {
    String text = message == null ? "invalid expression" : message.strip();
    return text.length() > 500 ? text.substring(0, 500) + "…" : text;
  }
}
