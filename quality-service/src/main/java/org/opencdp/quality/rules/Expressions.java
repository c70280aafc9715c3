package org.opencdp.quality.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * Rule expressions in CEL (Common Expression Language): side-effect free, no reflection, no I/O,
 * nothing but the declared variables and CEL's standard functions can be named, and evaluation is
 * bounded (no loops beyond bounded comprehensions). An expression is a boolean: true means the
 * event passes.
 *
 * <p>Variables: {@code event} (the whole enriched event as JSON), {@code properties}, {@code
 * traits}, {@code context} (maps, empty when absent) and {@code now} (a timestamp).
 */
public final class Expressions {

  /** Longest expression accepted, in code points. */
  static final int MAX_LENGTH = 2_000;

  private static final MapType JSON_OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);

  private final Cel cel;

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
            .build();
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
      CelAbstractSyntaxTree ast = result.getAst();
      return new Expression(source, cel.createProgram(ast));
    } catch (CelValidationException | CelEvaluationException e) {
      throw new DefinitionInvalid(field, firstLines(e.getMessage()));
    } catch (RuntimeException e) {
      throw new DefinitionInvalid(field, "not a valid expression: " + e.getMessage());
    }
  }

  private static String firstLines(String message) {
    String text = message == null ? "invalid expression" : message.strip();
    return text.length() > 500 ? text.substring(0, 500) + "…" : text;
  }
}
