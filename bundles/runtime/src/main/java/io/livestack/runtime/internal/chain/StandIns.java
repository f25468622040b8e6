package io.livestack.runtime.internal.chain;

/** The fail-closed stand-ins of one runtime: long-lived, because some hold what the real stage needs later. */
public record StandIns(HostStandIn host, RiskStandIn risk, ExecutionStandIn execution, RecordBuffer sink) {
}
