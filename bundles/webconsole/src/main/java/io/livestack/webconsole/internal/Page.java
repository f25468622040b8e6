package io.livestack.webconsole.internal;

/** Fills the page template: {{pluginRoot}}, {{csrf}}, {{operator}}, {{user}} and the operator-only blocks. */
final class Page {

    static final String OPERATOR_BEGIN = "<!--operator-->";
    static final String OPERATOR_END = "<!--/operator-->";

    private Page() {
    }

    /** Operator-only blocks ({@value #OPERATOR_BEGIN}...{@value #OPERATOR_END}) are left out for viewers. */
    static String render(String template, String pluginRoot, String csrfToken, boolean operator, String user) {
        String t = operator ? template.replace(OPERATOR_BEGIN, "").replace(OPERATOR_END, "")
                : stripOperatorBlocks(template);
        return t.replace("{{pluginRoot}}", html(pluginRoot)).replace("{{csrf}}", html(csrfToken))
                .replace("{{operator}}", Boolean.toString(operator)).replace("{{user}}", html(user));
    }

    private static String stripOperatorBlocks(String t) {
        StringBuilder sb = new StringBuilder(t.length());
        int from = 0;
        while (true) {
            int begin = t.indexOf(OPERATOR_BEGIN, from);
            if (begin < 0) {
                sb.append(t, from, t.length());
                return sb.toString();
            }
            int end = t.indexOf(OPERATOR_END, begin);
            if (end < 0) {
                throw new IllegalStateException("unterminated operator block in the page template");
            }
            sb.append(t, from, begin);
            from = end + OPERATOR_END.length();
        }
    }

    static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
