package io.livestack.itests.support;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found by a tokenizer of the PromQL grammar (Prometheus 2.x/3.x): a name
 * is an identifier that is not a function or aggregation (those are followed by '('), not a keyword (by, without, on,
 * ignoring, group_left, group_right, bool, offset, and, or, unless, atan2) and not a number (Inf, NaN); label names in
 * {@code {...}} matchers and in the label lists of by/without/on/ignoring/group_left/group_right are collected per
 * selector, strings, numbers, durations, range and subquery brackets and comments are skipped. Grafana's template
 * variables ({@code $name}, {@code ${name}}, {@code ${name:format}}, {@code [[name]]}) are recognised and collected
 * so that their definitions can be checked. A {@code {__name__="..."}} matcher names a metric; a regex one cannot be
 * checked and is refused. An identifier followed by '(' that is no PromQL function is refused (a misspelled
 * function), as are unbalanced brackets and unterminated strings.
 */
public final class PromQl {

    /**
     * One vector selector: a metric name, the label names its matchers use, and the innermost function or
     * aggregation it is an argument of (null at the top level), e.g. "rate".
     */
    public record Selector(String metric, Set<String> labels, String function) {
    }

    /** What an expression reads: its selectors in order, and the Grafana variables it uses. */
    public record Reads(List<Selector> selectors, Set<String> variables) {

        public Set<String> metrics() {
            Set<String> out = new TreeSet<>();
            for (Selector s : selectors) {
                out.add(s.metric());
            }
            return out;
        }
    }

    /** PromQL functions (Prometheus 3.x, experimental ones included) and the @ modifier's start() / end(). */
    static final Set<String> FUNCTIONS = Set.of("abs", "absent", "absent_over_time", "acos", "acosh", "asin",
            "asinh", "atan", "atanh", "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos",
            "cosh", "count_over_time", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "deg", "delta",
            "deriv", "double_exponential_smoothing", "exp", "floor", "histogram_avg", "histogram_count",
            "histogram_fraction", "histogram_quantile", "histogram_stddev", "histogram_stdvar", "histogram_sum",
            "holt_winters", "hour", "idelta", "increase", "info", "irate", "label_join", "label_replace",
            "last_over_time", "ln", "log10", "log2", "mad_over_time", "max_over_time", "min_over_time", "minute",
            "month", "pi", "predict_linear", "present_over_time", "quantile_over_time", "rad", "rate", "resets",
            "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_by_label", "sort_by_label_desc", "sort_desc",
            "sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time", "timestamp",
            "vector", "year", "start", "end");

    /** Aggregation operators. */
    static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
            "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    /** Keywords followed by a list of label names in parentheses (optional after group_left / group_right). */
    static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    /** Other keywords: binary set operators, bool, offset, atan2. */
    static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2");

    private enum Kind {
        IDENT, STRING, NUMBER, VARIABLE, PUNCT, OPERATOR
    }

    private record Token(Kind kind, String text, int at) {
    }

    private PromQl() {
    }

    /** The metric names {@code expr} reads. */
    public static Set<String> metricNames(String expr) {
        return read(expr).metrics();
    }

    /** Everything {@code expr} reads; throws IllegalArgumentException naming the position of a syntax problem. */
    public static Reads read(String expr) {
        Set<String> variables = new TreeSet<>();
        List<Token> tokens = tokenize(expr, variables);
        List<Selector> selectors = new ArrayList<>();
        // the function or aggregation of each open '(' (empty: plain parentheses), innermost on top
        Deque<String> calls = new ArrayDeque<>();
        String pendingCall = "";
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (t.kind == Kind.IDENT) {
                String lower = t.text.toLowerCase(Locale.ROOT);
                if (LABEL_LIST_KEYWORDS.contains(lower)) {
                    i = next != null && next.text.equals("(") ? skipLabelList(tokens, i + 1, expr) : i + 1;
                } else if (KEYWORDS.contains(lower)) {
                    i++;
                } else if (AGGREGATIONS.contains(lower) && next != null && next.kind == Kind.IDENT
                        && (next.text.equalsIgnoreCase("by") || next.text.equalsIgnoreCase("without"))) {
                    pendingCall = lower; // sum by (x) (...): the aggregation, its label list, then its argument
                    i++;
                } else if (next != null && next.text.equals("(")) {
                    if (!FUNCTIONS.contains(t.text) && !AGGREGATIONS.contains(lower)) {
                        throw error(expr, t.at, "'" + t.text + "(' is no PromQL function or aggregation");
                    }
                    pendingCall = FUNCTIONS.contains(t.text) ? t.text : lower;
                    i++;
                } else if (lower.equals("inf") || lower.equals("nan")) {
                    i++;
                } else if (next != null && next.text.equals("{")) {
                    Set<String> labels = new LinkedHashSet<>();
                    String fromName = matchers(tokens, i + 1, expr, labels);
                    if (fromName != null) {
                        throw error(expr, t.at, "a selector with a name and a __name__ matcher");
                    }
                    selectors.add(new Selector(t.text, labels, innermost(calls)));
                    i = closing(tokens, i + 1, expr) + 1;
                } else {
                    selectors.add(new Selector(t.text, Set.of(), innermost(calls)));
                    i++;
                }
            } else if (t.text.equals("{")) {
                Set<String> labels = new LinkedHashSet<>();
                String name = matchers(tokens, i, expr, labels);
                if (name == null) {
                    throw error(expr, t.at, "a selector without a metric name (no __name__=\"...\" matcher)");
                }
                labels.remove("__name__");
                selectors.add(new Selector(name, labels, innermost(calls)));
                i = closing(tokens, i, expr) + 1;
            } else {
                if (t.kind == Kind.PUNCT && t.text.equals("(")) {
                    calls.push(pendingCall);
                    pendingCall = "";
                } else if (t.kind == Kind.PUNCT && t.text.equals(")")) {
                    calls.pop();
                }
                i++;
            }
        }
        return new Reads(selectors, variables);
    }

    /** The innermost function or aggregation around the current position, or null at the top level. */
    private static String innermost(Deque<String> calls) {
        for (String c : calls) {
            if (!c.isEmpty()) {
                return c;
            }
        }
        return null;
    }

    /** The label names of {@code by (a, b)} and the like: skipped, checked to be identifiers. */
    private static int skipLabelList(List<Token> tokens, int open, String expr) {
        int close = closing(tokens, open, expr);
        for (int j = open + 1; j < close; j++) {
            Token t = tokens.get(j);
            if (!(t.kind == Kind.IDENT || t.text.equals(","))) {
                throw error(expr, t.at, "a label list holds label names only, found '" + t.text + "'");
            }
        }
        return close + 1;
    }

    /** Parses the matchers {@code {name op "value", ...}} starting at {@code open}; returns the __name__ if set. */
    private static String matchers(List<Token> tokens, int open, String expr, Set<String> labels) {
        int close = closing(tokens, open, expr);
        String metric = null;
        int j = open + 1;
        while (j < close) {
            Token name = tokens.get(j);
            if (name.kind != Kind.IDENT && name.kind != Kind.STRING) {
                throw error(expr, name.at, "a label name expected in a matcher, found '" + name.text + "'");
            }
            Token op = j + 1 < close ? tokens.get(j + 1) : null;
            Token value = j + 2 < close ? tokens.get(j + 2) : null;
            if (op == null || !Set.of("=", "!=", "=~", "!~").contains(op.text) || value == null
                    || value.kind != Kind.STRING) {
                throw error(expr, name.at, "a matcher is label, one of = != =~ !~, and a string");
            }
            String label = name.kind == Kind.STRING ? unquote(name.text) : name.text;
            if (label.equals("__name__")) {
                if (!op.text.equals("=")) {
                    throw error(expr, op.at, "a __name__ matcher other than = cannot be checked");
                }
                metric = unquote(value.text);
            }
            labels.add(label);
            j += 3;
            if (j < close) {
                if (!tokens.get(j).text.equals(",")) {
                    throw error(expr, tokens.get(j).at, "',' or '}' expected in a matcher list");
                }
                j++;
            }
        }
        return metric;
    }

    /** The index of the bracket closing the one at {@code open}. */
    private static int closing(List<Token> tokens, int open, String expr) {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            String s = tokens.get(j).text;
            if (tokens.get(j).kind == Kind.PUNCT && (s.equals("(") || s.equals("{") || s.equals("["))) {
                depth++;
            } else if (tokens.get(j).kind == Kind.PUNCT && (s.equals(")") || s.equals("}") || s.equals("]"))) {
                depth--;
                if (depth == 0) {
                    return j;
                }
            }
        }
        throw error(expr, tokens.get(open).at, "'" + tokens.get(open).text + "' is never closed");
    }

    private static String unquote(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        if (literal.charAt(0) == '`') {
            return body;
        }
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char e = body.charAt(++i);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------ the tokenizer

    /** A Grafana variable inside a string: $name or ${name} / ${name:format} ("$1" of label_replace is none). */
    private static final Pattern VARIABLE_IN_STRING = Pattern.compile(
            "\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\\}|([A-Za-z_][A-Za-z0-9_]*))|\\[\\[([A-Za-z_][A-Za-z0-9_]*)");

    /** A range or subquery: a duration or a Grafana variable, and for a subquery ':' and an optional resolution. */
    private static final Pattern RANGE;

    static {
        String part = "\\s*(?:([0-9]+(?:ms|s|m|h|d|w|y))+|\\$[A-Za-z_][A-Za-z0-9_]*|\\$\\{[A-Za-z_][A-Za-z0-9_]*\\})\\s*";
        RANGE = Pattern.compile(part + "(?::(?:" + part + ")?)?");
    }

    private static List<Token> tokenize(String expr, Set<String> variables) {
        List<Token> out = new ArrayList<>();
        Deque<Token> open = new ArrayDeque<>();
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < n && expr.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                int end = i + 1;
                while (end < n && expr.charAt(end) != c) {
                    end += c != '`' && expr.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= n) {
                    throw error(expr, i, "unterminated string");
                }
                out.add(new Token(Kind.STRING, expr.substring(i, end + 1), i));
                Matcher v = VARIABLE_IN_STRING.matcher(expr.substring(i + 1, end));
                while (v.find()) {
                    variables.add(v.group(1) != null ? v.group(1) : v.group(2) != null ? v.group(2) : v.group(3));
                }
                i = end + 1;
            } else if (c == '$') {
                int end = variable(expr, i);
                Token t = new Token(Kind.VARIABLE, variableName(expr.substring(i, end)), i);
                variables.add(t.text);
                out.add(t);
                i = end;
            } else if (c == '[' && i + 1 < n && expr.charAt(i + 1) == '[') {
                int end = expr.indexOf("]]", i);
                if (end < 0) {
                    throw error(expr, i, "unterminated [[variable]]");
                }
                Token t = new Token(Kind.VARIABLE, expr.substring(i + 2, end).split(":")[0], i);
                variables.add(t.text);
                out.add(t);
                i = end + 2;
            } else if (c == '[') {
                // a range or subquery: durations, ':', a resolution, Grafana variables (collected) - no names
                int end = expr.indexOf(']', i);
                if (end < 0) {
                    throw error(expr, i, "'[' is never closed");
                }
                String range = expr.substring(i + 1, end);
                if (!RANGE.matcher(range).matches()) {
                    throw error(expr, i, "not a range [5m] or subquery [1h:1m]: [" + range + "]");
                }
                for (int j = range.indexOf('$'); j >= 0; j = range.indexOf('$', j + 1)) {
                    variables.add(variableName(range.substring(j, variable(range, j))));
                }
                out.add(new Token(Kind.PUNCT, "[", i));
                out.add(new Token(Kind.PUNCT, "]", end));
                i = end + 1;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                int end = number(expr, i);
                out.add(new Token(Kind.NUMBER, expr.substring(i, end), i));
                i = end;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(expr.charAt(end)) || expr.charAt(end) == '_'
                        || expr.charAt(end) == ':')) {
                    end++;
                }
                out.add(new Token(Kind.IDENT, expr.substring(i, end), i));
                i = end;
            } else if ("(){},".indexOf(c) >= 0) {
                Token t = new Token(Kind.PUNCT, String.valueOf(c), i);
                if (c == '(' || c == '{') {
                    open.push(t);
                } else if (c == ')' || c == '}') {
                    if (open.isEmpty() || (c == ')') != open.pop().text.equals("(")) {
                        throw error(expr, i, "'" + c + "' closes nothing that is open");
                    }
                }
                out.add(t);
                i++;
            } else {
                String two = i + 1 < n ? expr.substring(i, i + 2) : "";
                if (Set.of("==", "!=", "<=", ">=", "=~", "!~").contains(two)) {
                    out.add(new Token(Kind.OPERATOR, two, i));
                    i += 2;
                } else if ("+-*/%^<>=@".indexOf(c) >= 0) {
                    out.add(new Token(Kind.OPERATOR, String.valueOf(c), i));
                    i++;
                } else {
                    throw error(expr, i, "unexpected character '" + c + "'");
                }
            }
        }
        if (!open.isEmpty()) {
            throw error(expr, open.peek().at, "'" + open.peek().text + "' is never closed");
        }
        return out;
    }

    /** The end of a number or a duration (5m, 1h30m, 250ms) or a hex number, starting at {@code i}. */
    private static int number(String expr, int i) {
        int n = expr.length();
        if (expr.startsWith("0x", i) || expr.startsWith("0X", i)) {
            int end = i + 2;
            while (end < n && Character.digit(expr.charAt(end), 16) >= 0) {
                end++;
            }
            return end;
        }
        int end = i;
        while (end < n && (Character.isDigit(expr.charAt(end)) || expr.charAt(end) == '.')) {
            end++;
        }
        if (end < n && (expr.charAt(end) == 'e' || expr.charAt(end) == 'E')) {
            int exp = end + 1;
            if (exp < n && (expr.charAt(exp) == '+' || expr.charAt(exp) == '-')) {
                exp++;
            }
            if (exp < n && Character.isDigit(expr.charAt(exp))) {
                end = exp;
                while (end < n && Character.isDigit(expr.charAt(end))) {
                    end++;
                }
                return end;
            }
        }
        // a duration: units after the digits, possibly several (1h30m)
        while (end < n && Character.isLetter(expr.charAt(end))) {
            int unit = end;
            while (end < n && Character.isLetter(expr.charAt(end))) {
                end++;
            }
            if (!Set.of("ms", "s", "m", "h", "d", "w", "y").contains(expr.substring(unit, end))) {
                throw error(expr, unit, "not a duration unit: " + expr.substring(unit, end));
            }
            while (end < n && Character.isDigit(expr.charAt(end))) {
                end++;
            }
        }
        return end;
    }

    /** The end of a Grafana variable starting with '$' at {@code i}: $name, ${name} or ${name:format}. */
    private static int variable(String expr, int i) {
        int n = expr.length();
        if (i + 1 < n && expr.charAt(i + 1) == '{') {
            int end = expr.indexOf('}', i);
            if (end < 0) {
                throw error(expr, i, "unterminated ${variable}");
            }
            return end + 1;
        }
        int end = i + 1;
        while (end < n && (Character.isLetterOrDigit(expr.charAt(end)) || expr.charAt(end) == '_')) {
            end++;
        }
        if (end == i + 1) {
            throw error(expr, i, "'$' without a variable name");
        }
        return end;
    }

    private static String variableName(String token) {
        String name = token.startsWith("${") ? token.substring(2, token.length() - 1) : token.substring(1);
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static IllegalArgumentException error(String expr, int at, String what) {
        return new IllegalArgumentException(what + " at " + at + " in: " + expr);
    }
}
