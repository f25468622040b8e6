package io.livestack.itests.support;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The monitoring files of docs/monitoring: the Grafana dashboard (JSON, read by Jackson: strict, no duplicate keys,
 * nothing after the document) and the Prometheus alerting rules (YAML, read by SnakeYAML: one document, no duplicate
 * keys), each checked for the structure its tool needs, and every PromQL expression in them with where it is.
 * {@link #metricUses} and {@link #labelUses} say which metric names and which label names per metric they read
 * ({@link PromQl}).
 */
public final class MonitoringFiles {

    /** System property naming the folder (failsafe and surefire set it); default {@code ../docs/monitoring}. */
    public static final String DIRECTORY_PROPERTY = "livestack.monitoring.docs";
    public static final String DASHBOARD = "livestack-dashboard.json";
    public static final String ALERTS = "livestack-alerts.yml";
    /** The datasource placeholder the dashboard's {@code __inputs} declares: Grafana asks for it on import. */
    public static final String DATASOURCE = "${DS_PROMETHEUS}";

    /** Grafana's built-in variables (no definition in the dashboard). */
    static final Set<String> GRAFANA_BUILTINS = Set.of("__interval", "__interval_ms", "__range", "__range_s",
            "__range_ms", "__rate_interval", "__rate_interval_ms", "__from", "__to", "__dashboard", "__org", "__user",
            "__name", "timeFilter", "__timeFilter");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final Set<String> RULE_KEYS = Set.of("alert", "expr", "for", "keep_firing_for", "labels",
            "annotations");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");
    private static final Pattern LABEL_VALUES = Pattern.compile(
            "^\\s*label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\((.*)\\)\\s*$", Pattern.DOTALL);

    /**
     * A PromQL expression and where it is; {@code valuesOf} is the label a variable's {@code label_values} lists
     * (read from the expression's one selector), else null.
     */
    public record Query(String where, String expr, String valuesOf) {
    }

    private MonitoringFiles() {
    }

    public static Path directory() {
        return Path.of(System.getProperty(DIRECTORY_PROPERTY, "../docs/monitoring")).toAbsolutePath().normalize();
    }

    // ------------------------------------------------------------------------------------------ the dashboard

    /** Parses and checks the dashboard; every PromQL expression of its panels, annotations and variables. */
    public static List<Query> dashboardQueries(Path file) throws IOException {
        JsonMapper mapper = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        JsonNode root = mapper.readTree(file.toFile());
        String name = file.getFileName().toString();
        require(root != null && root.isObject(), name + ": not a JSON object");
        boolean input = false;
        for (JsonNode in : root.path("__inputs")) {
            input |= in.path("name").asText().equals("DS_PROMETHEUS") && in.path("type").asText().equals("datasource")
                    && in.path("pluginId").asText().equals("prometheus");
        }
        require(input, name + ": __inputs must declare DS_PROMETHEUS, a prometheus datasource, so that any Grafana "
                + "imports it");
        require(root.path("schemaVersion").isInt() && root.path("schemaVersion").asInt() >= 36,
                name + ": schemaVersion 36 or later");
        require(!root.path("title").asText().isBlank() && !root.path("uid").asText().isBlank(),
                name + ": a title and a uid");
        require(root.path("panels").isArray() && root.path("panels").size() > 0, name + ": panels");

        List<Query> queries = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        panels(root.path("panels"), name, ids, queries);

        Set<String> variables = new TreeSet<>(GRAFANA_BUILTINS);
        for (JsonNode v : root.path("templating").path("list")) {
            String var = v.path("name").asText();
            require(!var.isBlank() && variables.add(var), name + ": a variable without a name or named twice: " + var);
            if (v.path("type").asText().equals("query")) {
                datasource(v.path("datasource"), name + " variable " + var);
                JsonNode q = v.path("query");
                String text = q.isObject() ? q.path("query").asText() : q.asText();
                queries.add(variableQuery(name + " variable " + var, text));
            }
        }
        int annotation = 0;
        for (JsonNode a : root.path("annotations").path("list")) {
            annotation++;
            if (a.path("datasource").path("type").asText().equals("prometheus")) {
                datasource(a.path("datasource"), name + " annotation " + annotation);
                String expr = a.has("expr") ? a.path("expr").asText() : a.path("target").path("expr").asText();
                require(!expr.isBlank(), name + " annotation " + a.path("name").asText() + ": no expr");
                queries.add(new Query(name + " annotation '" + a.path("name").asText() + "'", expr, null));
            }
        }
        for (Query q : queries) {
            for (String used : PromQl.read(q.expr()).variables()) {
                require(variables.contains(used), q.where() + ": variable $" + used + " is not defined");
            }
        }
        return queries;
    }

    private static void panels(JsonNode panels, String file, Set<Integer> ids, List<Query> queries) {
        for (JsonNode p : panels) {
            String title = p.path("title").asText();
            String where = file + " panel '" + title + "'";
            require(p.path("id").isInt() && ids.add(p.path("id").asInt()), where + ": no id, or one used twice");
            require(!p.path("type").asText().isBlank(), where + ": no type");
            JsonNode grid = p.path("gridPos");
            require(grid.path("h").isInt() && grid.path("w").isInt() && grid.path("x").isInt() && grid.path("y").isInt()
                    && grid.path("x").asInt() + grid.path("w").asInt() <= 24, where + ": gridPos h, w, x, y within 24 "
                    + "columns");
            if (p.path("type").asText().equals("row")) {
                panels(p.path("panels"), file, ids, queries);
                continue;
            }
            datasource(p.path("datasource"), where);
            require(p.path("targets").isArray() && p.path("targets").size() > 0, where + ": no targets");
            Set<String> refIds = new HashSet<>();
            for (JsonNode t : p.path("targets")) {
                String refId = t.path("refId").asText();
                require(!refId.isBlank() && refIds.add(refId), where + ": a target without refId or one used twice");
                datasource(t.path("datasource"), where + " target " + refId);
                String expr = t.path("expr").asText();
                require(!expr.isBlank(), where + " target " + refId + ": no expr");
                queries.add(new Query(where + " target " + refId, expr, null));
            }
        }
    }

    private static void datasource(JsonNode ds, String where) {
        require(ds.path("type").asText().equals("prometheus") && ds.path("uid").asText().equals(DATASOURCE),
                where + ": datasource must be {type: prometheus, uid: " + DATASOURCE + "}");
    }

    /** A query variable's query: label_values(selector, label) or query_result(expr). */
    static Query variableQuery(String where, String text) {
        Matcher m = LABEL_VALUES.matcher(text);
        if (m.matches()) {
            return new Query(where, m.group(1), m.group(2));
        }
        Matcher r = QUERY_RESULT.matcher(text);
        if (r.matches()) {
            return new Query(where, r.group(1), null);
        }
        throw new IllegalArgumentException(where + ": a variable query is label_values(selector, label) or "
                + "query_result(expr) here (its metric names must be checkable), not: " + text);
    }

    // ------------------------------------------------------------------------------------------ the alert rules

    /** Parses and checks the rules file; every rule's expression. */
    public static List<Query> alertQueries(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object doc;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            doc = new Yaml(new SafeConstructor(options)).load(in);
        }
        String name = file.getFileName().toString();
        Map<?, ?> root = map(doc, name);
        require(root.keySet().equals(Set.of("groups")), name + ": the only top-level key is groups");
        List<?> groups = list(root.get("groups"), name + " groups");
        require(!groups.isEmpty(), name + ": no groups");
        Set<String> groupNames = new HashSet<>();
        Set<String> alerts = new HashSet<>();
        List<Query> queries = new ArrayList<>();
        for (Object g : groups) {
            Map<?, ?> group = map(g, name + " group");
            String groupName = text(group.get("name"), name + " group name");
            require(groupNames.add(groupName), name + ": group " + groupName + " twice");
            List<?> rules = list(group.get("rules"), name + " group " + groupName + " rules");
            require(!rules.isEmpty(), name + ": group " + groupName + " has no rules");
            for (Object r : rules) {
                Map<?, ?> rule = map(r, name + " group " + groupName + " rule");
                String alert = text(rule.get("alert"), name + " group " + groupName + ": a rule without alert");
                String where = name + " alert " + alert;
                require(alerts.add(alert), where + ": named twice");
                Set<Object> unknown = new HashSet<>(rule.keySet());
                unknown.removeAll(RULE_KEYS);
                require(unknown.isEmpty(), where + ": unknown keys " + unknown);
                String expr = text(rule.get("expr"), where + " expr");
                require(!expr.contains("$"), where + ": Grafana variables do not belong in an alert rule");
                PromQl.read(expr); // refuses a syntax problem, naming it
                if (rule.containsKey("for")) {
                    require(DURATION.matcher(text(rule.get("for"), where + " for")).matches(),
                            where + ": 'for' is a duration like 5m");
                }
                Map<?, ?> labels = map(rule.get("labels"), where + " labels");
                require(SEVERITIES.contains(String.valueOf(labels.get("severity"))),
                        where + ": labels.severity one of " + SEVERITIES);
                Map<?, ?> annotations = map(rule.get("annotations"), where + " annotations");
                text(annotations.get("summary"), where + " annotations.summary");
                text(annotations.get("description"), where + " annotations.description");
                queries.add(new Query(where, expr, null));
            }
        }
        return queries;
    }

    // ------------------------------------------------------------------------------------------ what they read

    /** Every metric name the queries read, with where. */
    public static Map<String, List<String>> metricUses(List<Query> queries) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Query q : queries) {
            for (String metric : PromQl.read(q.expr()).metrics()) {
                out.computeIfAbsent(metric, k -> new ArrayList<>()).add(q.where());
            }
        }
        return out;
    }

    /** Per metric name, the label names the queries' matchers (and label_values) use on it. */
    public static Map<String, Set<String>> labelUses(List<Query> queries) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Query q : queries) {
            List<PromQl.Selector> selectors = PromQl.read(q.expr()).selectors();
            if (q.valuesOf() != null) {
                require(selectors.size() == 1, q.where() + ": label_values of one selector");
            }
            for (PromQl.Selector s : selectors) {
                Set<String> labels = out.computeIfAbsent(s.metric(), k -> new TreeSet<>());
                labels.addAll(s.labels());
                if (q.valuesOf() != null) {
                    labels.add(q.valuesOf());
                }
            }
        }
        return out;
    }

    /** Both files' queries. */
    public static Map<String, List<Query>> all() throws IOException {
        Map<String, List<Query>> out = new LinkedHashMap<>();
        out.put(DASHBOARD, dashboardQueries(directory().resolve(DASHBOARD)));
        out.put(ALERTS, alertQueries(directory().resolve(ALERTS)));
        return out;
    }

    private static Map<?, ?> map(Object o, String what) {
        require(o instanceof Map<?, ?>, what + ": a mapping expected");
        return (Map<?, ?>) o;
    }

    private static List<?> list(Object o, String what) {
        require(o instanceof List<?>, what + ": a list expected");
        return (List<?>) o;
    }

    private static String text(Object o, String what) {
        require(o instanceof String s && !s.isBlank(), what + ": a non-empty string expected");
        return (String) o;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
