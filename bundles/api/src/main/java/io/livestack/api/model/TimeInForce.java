package io.livestack.api.model;

public enum TimeInForce {
    DAY, IOC, GTC
}
