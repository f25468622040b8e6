package io.livestack.metrics.internal;

import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** GET /livestack/metrics: the whole registry in the Prometheus text format (gauges refreshed first if stale). */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(LiveStackHttpContext.SELECT)
@HttpWhiteboardServletName("livestack-metrics")
@HttpWhiteboardServletPattern("/metrics")
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final long MAX_SNAPSHOT_AGE_MILLIS = 1000;

    private final transient MetricRegistry registry;
    private final transient RuntimeCollector collector;

    @Activate
    public MetricsServlet(@Reference MetricRegistry registry, @Reference RuntimeCollector collector) {
        this.registry = registry;
        this.collector = collector;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        collector.snapshot(MAX_SNAPSHOT_AGE_MILLIS);
        StringWriter text = new StringWriter(8192);
        PrometheusWriter.write(registry, text);
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(PrometheusWriter.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
