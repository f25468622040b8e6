package io.livestack.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageTest {

    private static String template() throws IOException {
        try (InputStream in = LiveStackPlugin.class.getResourceAsStream("livestack.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void operatorsGetTheControlsAndTheToken() throws IOException {
        String page = Page.render(template(), "/system/console/livestack", "tok123", true, "operator");

        assertThat(page).contains("id=\"ls-kill\"").contains("id=\"ls-resume\"").contains("id=\"ls-session-start\"")
                .contains("data-csrf=\"tok123\"").contains("data-operator=\"true\"")
                .contains("data-root=\"/system/console/livestack\"").doesNotContain("{{");
    }

    @Test
    void viewersGetNoControlsAtAll() throws IOException {
        String page = Page.render(template(), "/system/console/livestack", "", false, "viewer");

        assertThat(page).doesNotContain("ls-kill\"").doesNotContain("ls-session-start\"")
                .doesNotContain("<!--operator-->").contains("data-operator=\"false\"").contains("ls-orders");
    }

    @Test
    void everyoneGetsTodaysOrdersAndFillsWrittenAsTextOnly() throws IOException {
        String page = Page.render(template(), "/system/console/livestack", "", false, "viewer");

        assertThat(page).contains("Today's orders and fills").contains("id=\"ls-history-orders\"")
                .contains("id=\"ls-order-events\"").contains("history.json").contains("order-events.json");
        assertThat(page).as("data reaches the page through textContent only").doesNotContain("innerHTML")
                .doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML").doesNotContain("document.write");
    }

    @Test
    void escapesWhatItFillsIn() {
        assertThat(Page.render("<b>{{user}}</b>", "", "", false, "<script>x'\"&")).isEqualTo(
                "<b>&lt;script&gt;x&#39;&quot;&amp;</b>");
    }
}
