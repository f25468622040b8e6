package io.livestack.fix.exchange.sim;

import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The running FIX exchange simulator (configuration PID {@value #PID}), for tests and demos. Safe to call from any
 * thread; actions on the market run on the simulator's engine thread and have happened when the method returns.
 */
@ProviderType
public interface ExchangeControl {

    String PID = "livestack.fixsim";

    /** The TCP port the acceptor listens on (the configured one, or the one chosen for port 0). */
    int port();

    /** CompIDs of the clients with a logged-on session. */
    Set<String> loggedOnClients();

    /**
     * Drops the TCP connection of every session of this client, as a network failure would (no Logout). Orders stay
     * in the book; fills that happen while the client is away are delivered by the normal FIX resend when it logs on
     * again. Returns false when the client had no connected session.
     */
    boolean dropSession(String clientCompId);

    /**
     * Starts a new session for this client, as a venue does at a scheduled session start: the sequence numbers of
     * both sides start again at 1. A logged-on client gets a Logon with ResetSeqNumFlag=Y now (its FIX engine resets
     * and goes on: a reset in the middle of its session). For a client that is away the simulator's store for it is
     * reset now, and the client is expected to log on as 1, as its own session schedule would make it (a client that
     * does not is logged out: "MsgSeqNum too low"). Returns false when the simulator has no session of this client.
     */
    boolean newSession(String clientCompId);

    /** Moves the market maker's random walk one step now (in addition to its timer). */
    void stepMarket();

    /** End of the trading day: every resting DAY order expires (ExecType C). */
    void expireDayOrders();

    /**
     * Replaces the market maker's quotes of a symbol by these levels, best first, each {price, quantity} fixed-point
     * ({@code io.livestack.api.model.Fixed}). The new quotes trade against any client order they cross, like a
     * random walk step would (tests: sweep resting orders deterministically). The walk re-quotes on its next step.
     */
    void quote(String symbol, List<long[]> bids, List<long[]> asks);

    /** Exec ids of every fill reported to this client so far, in order (sent or waiting for a resend). */
    List<String> fillExecIds(String clientCompId);

    /**
     * The venue's own account of this client: every fill reported to it so far, in order (sent or waiting for a
     * resend). Quantities and prices are fixed-point ({@code io.livestack.api.model.Fixed}); side is BUY or SELL.
     */
    List<ClientFill> fills(String clientCompId);

    /**
     * Busts the fill reported to this client as {@code execId}: the venue takes it back (ExecType H in FIX 4.4,
     * ExecTransType 1 in FIX 4.2, ExecRefID = {@code execId}) and drops it from {@link #fills}. False when no such
     * fill was reported to the client.
     */
    boolean bustFill(String clientCompId, String execId);

    /**
     * Corrects the fill reported to this client as {@code execId} to {@code quantity} at {@code price} (fixed-point):
     * ExecType G in FIX 4.4, ExecTransType 2 in FIX 4.2, ExecRefID = {@code execId}; {@link #fills} shows the
     * corrected values. False when no such fill was reported to the client.
     */
    boolean correctFill(String clientCompId, String execId, long quantity, long price);

    /** The client's orders still open at the venue, as {@code "clOrdId symbol side leavesQty"} lines, oldest first. */
    List<String> openOrders(String clientCompId);

    /** One fill as the venue reported it to a client. */
    record ClientFill(String execId, String clOrdId, String symbol, String side, long quantity, long price) {
    }

    /** Best levels and the clients' resting orders of one symbol, for display. */
    String describeBook(String symbol);
}
