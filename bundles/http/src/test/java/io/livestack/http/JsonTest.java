package io.livestack.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesMapsListsNumbersBooleansAndNull() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", 12);
        m.put("x", 1.5);
        m.put("ok", false);
        m.put("none", null);
        m.put("list", List.of("a", 2));
        assertThat(Json.write(m)).isEqualTo("{\"n\":12,\"x\":1.5,\"ok\":false,\"none\":null,\"list\":[\"a\",2]}");
    }

    @Test
    void isSafeToEmbedInHtml() {
        assertThat(Json.write(Map.of("a", List.of("</script>", 1, true, Double.NaN))))
                .isEqualTo("{\"a\":[\"\\u003c/script\\u003e\",1,true,null]}");
        assertThat(Json.quote("it's \"q\"\n\u2028&")).isEqualTo("\"it\\u0027s \\\"q\\\"\\n\\u2028\\u0026\"");
    }
}
