package io.livestack.api.model;

public enum OrderType {
    LIMIT, MARKET
}
