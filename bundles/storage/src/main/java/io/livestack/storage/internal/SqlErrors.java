package io.livestack.storage.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How the writer reads a database error, by SQLState (the same on H2 and PostgreSQL): class 22 (data exception, e.g.
 * a value too long) and 23 (integrity constraint) mean "this content"; anything else means "the database".
 */
final class SqlErrors {

    private SqlErrors() {
    }

    /** SQLState class 22 (data exception) or 23 (integrity constraint violation), anywhere in the chain. */
    static boolean isContentProblem(Throwable e) {
        for (SQLException s : sqlExceptions(e)) {
            String state = s.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    static boolean isUniqueViolation(Throwable e) {
        for (SQLException s : sqlExceptions(e)) {
            if ("23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static List<SQLException> sqlExceptions(Throwable e) {
        List<SQLException> all = new ArrayList<>();
        for (Throwable t = e; t != null && all.size() < 10; t = t.getCause()) {
            if (t instanceof SQLException s) {
                all.add(s);
                for (SQLException n = s.getNextException(); n != null && all.size() < 10; n = n.getNextException()) {
                    all.add(n);
                }
            }
        }
        return all;
    }

    static String describe(Throwable e) {
        if (e instanceof SQLException s) {
            return s.getMessage() + " [SQLState " + s.getSQLState() + ", error " + s.getErrorCode() + "]";
        }
        return String.valueOf(e);
    }
}
