package io.livestack.storage.internal;

import io.livestack.api.history.HistoryQuery;
import io.livestack.api.history.StoredHistory;
import io.livestack.api.history.StoredSlice;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.state.OrderView;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Publishes {@link StoredHistory} over the same DataSource the records are written to (its reference is named
 * {@code dataSource} like the store's, so {@code dataSource.target} of PID {@code livestack.storage} chooses it for
 * both). Without a DataSource every call says so ({@link io.livestack.api.history.HistoryUnavailableException}).
 */
@Component(service = StoredHistory.class, configurationPid = "livestack.storage")
public final class StoredHistoryComponent implements StoredHistory {

    private final AtomicReference<DataSource> dataSource = new AtomicReference<>();
    private final JdbcStoredHistory history = new JdbcStoredHistory(dataSource::get);

    @Reference(name = "dataSource", service = DataSource.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(dataSourceName=livestack)")
    void bindDataSource(DataSource ds) {
        dataSource.set(ds);
    }

    void unbindDataSource(DataSource ds) {
        dataSource.compareAndSet(ds, null);
    }

    @Override
    public long storedThrough() {
        return history.storedThrough();
    }

    @Override
    public StoredSlice<OrderView> orders(HistoryQuery query, long asOf, Collection<ClientOrderId> excluded,
            int limit) {
        return history.orders(query, asOf, excluded, limit);
    }

    @Override
    public StoredSlice<FillRecord> fills(HistoryQuery query, long asOf, int limit) {
        return history.fills(query, asOf, limit);
    }

    @Override
    public List<OrderRecord> orderEvents(ClientOrderId order) {
        return history.orderEvents(order);
    }
}
