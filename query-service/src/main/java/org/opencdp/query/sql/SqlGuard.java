package org.opencdp.query.sql;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.expression.UserVariable;
import net.sf.jsqlparser.expression.VariableAssignment;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.WithItem;
import org.opencdp.query.QueryErrorCode;

/**
 * Guard layer 1: parses a request's SQL and lets through exactly one read-only SELECT over the
 * logical tables, calling only allowed functions. The engines isolate tenants on their own (layer
 * 2); this layer turns attempts into clear refusals before any engine sees them.
 */
public final class SqlGuard {

  /** Statements refused by their first keyword, also when the parser does not know them. */
  private static final Set<String> FORBIDDEN_STATEMENTS =
      Set.of(
          "copy",
          "attach",
          "detach",
          "install",
          "load",
          "set",
          "reset",
          "pragma",
          "call",
          "export",
          "import",
          "create",
          "drop",
          "alter",
          "insert",
          "update",
          "delete",
          "merge",
          "truncate",
          "grant",
          "revoke",
          "use",
          "checkpoint",
          "vacuum",
          "analyze",
          "explain",
          "describe",
          "show",
          "summarize",
          "begin",
          "commit",
          "rollback",
          "prepare",
          "execute",
          "deallocate",
          "upsert",
          "replace",
          "comment",
          "refresh",
          "kill",
          "start");

  private static final Pattern FIRST_WORD =
      Pattern.compile(
          "\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/|\\()*([A-Za-z_]+)", Pattern.DOTALL);
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern MESSAGE_POSITION =
      Pattern.compile("line (\\d+), column (\\d+)", Pattern.CASE_INSENSITIVE);

  private final Set<String> tables;
  private final int maxLength;

  /** A guard admitting {@code tables} (lower case) and SQL of at most {@code maxLength} chars. */
  public SqlGuard(Set<String> tables, int maxLength) {
    this.tables = Set.copyOf(tables);
    this.maxLength = maxLength;
  }

  /** The checked query, or a {@link QueryRejected} saying what is refused and where. */
  public GuardedSql check(String sql) {
    if (sql.length() > maxLength) {
      throw QueryRejected.of(
          QueryErrorCode.SQL_TOO_LONG,
          "sql",
          "sql is " + sql.length() + " characters long; at most " + maxLength + " are allowed");
    }
    refuseForbiddenStatement(sql);
    Statement statement = single(parse(sql), sql);
    if (!(statement instanceof Select select)) {
      String kind = statementKind(statement);
      throw QueryRejected.at(
          QueryErrorCode.STATEMENT_NOT_ALLOWED,
          kind,
          kind + " statements are not allowed, only SELECT",
          sql);
    }
    Checks checks = new Checks(sql, cteNames(select));
    SyntaxTree.walk(select, checks::visit);
    return new GuardedSql(select.toString(), checks.tablesRead, checks.parameters);
  }

  private static void refuseForbiddenStatement(String sql) {
    Matcher first = FIRST_WORD.matcher(sql);
    if (first.find()) {
      String word = first.group(1).toLowerCase(Locale.ROOT);
      if (FORBIDDEN_STATEMENTS.contains(word)) {
        String kind = word.toUpperCase(Locale.ROOT);
        throw new QueryRejected(
            QueryErrorCode.STATEMENT_NOT_ALLOWED,
            kind,
            kind + " statements are not allowed, only SELECT",
            SqlPosition.of(sql, first.start(1)));
      }
    }
  }

  private static Statements parse(String sql) {
    try {
      return CCJSqlParserUtil.parseStatements(sql);
    } catch (JSQLParserException e) {
      if (statementCount(sql) > 1) {
        throw QueryRejected.of(
            QueryErrorCode.MULTIPLE_STATEMENTS, ";", "sql holds several statements; send one");
      }
      throw syntaxError(e);
    } catch (StackOverflowError | IllegalArgumentException e) {
      throw QueryRejected.of(
          QueryErrorCode.SYNTAX_ERROR, "sql", "sql is nested too deeply or cannot be parsed");
    }
  }

  /** A rough count for text the parser refused: non-blank pieces between semicolons. */
  private static long statementCount(String sql) {
    return Arrays.stream(sql.split(";")).filter(piece -> !piece.isBlank()).count();
  }

  private static QueryRejected syntaxError(JSQLParserException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    SqlPosition position = null;
    String near = null;
    if (cause instanceof ParseException parse
        && parse.currentToken != null
        && parse.currentToken.next != null) {
      position =
          new SqlPosition(parse.currentToken.next.beginLine, parse.currentToken.next.beginColumn);
      near = parse.currentToken.next.image;
    } else {
      Matcher m = MESSAGE_POSITION.matcher(String.valueOf(cause.getMessage()));
      if (m.find()) {
        position = new SqlPosition(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
    }
    String detail =
        near == null || near.isEmpty()
            ? "sql could not be parsed"
            : "sql could not be parsed near '" + abbreviate(near) + "'";
    return new QueryRejected(QueryErrorCode.SYNTAX_ERROR, "sql", detail, position);
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  private static Statement single(Statements statements, String sql) {
    List<Statement> list = statements == null ? List.of() : statements;
    if (list.isEmpty()) {
      throw QueryRejected.of(QueryErrorCode.SYNTAX_ERROR, "sql", "sql holds no statement");
    }
    if (list.size() > 1) {
      throw QueryRejected.of(
          QueryErrorCode.MULTIPLE_STATEMENTS,
          ";",
          "sql holds " + list.size() + " statements; send exactly one");
    }
    return list.get(0);
  }

  private static String statementKind(Statement statement) {
    String name = statement.getClass().getSimpleName();
    return name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
  }

  private static Set<String> cteNames(Select select) {
    Set<String> names = new HashSet<>();
    SyntaxTree.walk(
        select,
        (node, parent) -> {
          if (node instanceof WithItem<?> with && with.getAlias() != null) {
            names.add(unquote(with.getAlias().getName()).toLowerCase(Locale.ROOT));
          }
        });
    return names;
  }

  static String unquote(String name) {
    if (name.length() >= 2) {
      char first = name.charAt(0);
      char last = name.charAt(name.length() - 1);
      if ((first == '"' && last == '"') || (first == '`' && last == '`')) {
        return name.substring(1, name.length() - 1);
      }
      if (first == '[' && last == ']') {
        return name.substring(1, name.length() - 1);
      }
    }
    return name;
  }

  /** The per-node rules, collecting what the query reads as it goes. */
  private final class Checks {
    private final String sql;
    private final Set<String> ctes;
    private final Set<String> tablesRead = new HashSet<>();
    private int parameters;

    Checks(String sql, Set<String> ctes) {
      this.sql = sql;
      this.ctes = ctes;
    }

    void visit(Object node, Object parent) {
      if (node instanceof Table table) {
        if (!(parent instanceof Column) && !(parent instanceof AllTableColumns)) {
          table(table);
        }
      } else if (node instanceof TableFunction function) {
        String name = function.getFunction().getName();
        throw QueryRejected.at(
            QueryErrorCode.TABLE_FUNCTION,
            name,
            "table function '" + name + "' is not allowed; read the tables " + tables,
            sql);
      } else if (node instanceof AnalyticExpression analytic) {
        function(List.of(analytic.getName()));
      } else if (node instanceof Function function) {
        function(function.getMultipartName());
      } else if (node instanceof Column column) {
        column(column);
      } else if (node instanceof JdbcParameter) {
        parameters++;
      } else if (node instanceof JdbcNamedParameter named) {
        refuse("named parameter :" + named.getName());
      } else if (node instanceof UserVariable || node instanceof VariableAssignment) {
        refuse("variable " + node);
      } else if (node instanceof NextValExpression) {
        refuse("nextval");
      } else if (node instanceof PlainSelect select && select.getIntoTables() != null) {
        refuse("into");
      } else if (node instanceof Statement statement && !(statement instanceof Select)) {
        String kind = statementKind(statement);
        throw QueryRejected.at(
            QueryErrorCode.STATEMENT_NOT_ALLOWED,
            kind,
            kind + " is not allowed inside a query",
            sql);
      }
    }

    private void table(Table table) {
      List<String> parts = table.getNameParts();
      String raw = table.getFullyQualifiedName();
      for (String part : parts == null ? List.of(table.getName()) : parts) {
        String plain = part == null ? "" : unquote(part);
        if (!PLAIN_NAME.matcher(plain).matches()) {
          throw QueryRejected.at(
              QueryErrorCode.PATH_AS_TABLE,
              plain,
              "'" + raw + "' is not a table name; read the tables " + tables,
              sql);
        }
      }
      if (parts != null && parts.size() > 1) {
        throw QueryRejected.at(
            QueryErrorCode.QUALIFIED_NAME,
            raw,
            "qualified table name '" + raw + "' is not allowed; use one of " + tables,
            sql);
      }
      String name = unquote(table.getName());
      String lower = name.toLowerCase(Locale.ROOT);
      if (ctes.contains(lower)) {
        return;
      }
      if (!tables.contains(lower)) {
        throw QueryRejected.at(
            QueryErrorCode.UNKNOWN_TABLE,
            name,
            "unknown table '" + name + "'; the tables are " + tables,
            sql);
      }
      tablesRead.add(lower);
    }

    private void function(List<String> nameParts) {
      String name = String.join(".", nameParts);
      if (nameParts.size() > 1) {
        throw QueryRejected.at(
            QueryErrorCode.QUALIFIED_NAME,
            nameParts.get(nameParts.size() - 1),
            "qualified function name '" + name + "' is not allowed",
            sql);
      }
      String plain = unquote(name).toLowerCase(Locale.ROOT);
      if (!SqlFunctions.ALLOWED.contains(plain)) {
        throw QueryRejected.at(
            QueryErrorCode.FUNCTION_NOT_ALLOWED,
            unquote(name),
            "function '" + unquote(name) + "' is not allowed",
            sql);
      }
    }

    private void column(Column column) {
      Table qualifier = column.getTable();
      if (qualifier != null
          && qualifier.getNameParts() != null
          && qualifier.getNameParts().size() > 1) {
        String raw = column.getFullyQualifiedName();
        throw QueryRejected.at(
            QueryErrorCode.QUALIFIED_NAME,
            qualifier.getName(),
            "qualified column name '" + raw + "' is not allowed; use table.column at most",
            sql);
      }
    }

    private void refuse(String construct) {
      throw QueryRejected.at(
          QueryErrorCode.CONSTRUCT_NOT_ALLOWED, construct, construct + " is not allowed", sql);
    }
  }
}
