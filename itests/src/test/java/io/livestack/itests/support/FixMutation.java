package io.livestack.itests.support;

/**
 * The classes of malformed (or merely unusual) messages the FIX fuzzer sends into a live session, each with what FIX
 * prescribes and what QuickFIX/J 2.3.2, configured as the Live Stack's FIX adapter configures it, answers
 * ({@code FixFuzzIT} asserts the answer of every message sent).
 */
public enum FixMutation {
    // ---- garbled: ignored, no answer, the sequence number is not used up
    BAD_CHECKSUM("bad CheckSum", Kind.GARBLED, "ignored (garbled), seq not used"),
    TAG_WITHOUT_EQUALS("field without '='", Kind.GARBLED, "ignored (garbled), seq not used"),
    MSGTYPE_NOT_THIRD("MsgType not the third field", Kind.GARBLED, "ignored (garbled), seq not used"),
    BODY_LENGTH_SHORT("BodyLength too small", Kind.FRAMING, "dropped by the decoder, seq not used"),
    BODY_LENGTH_LONG("BodyLength too large", Kind.FRAMING, "dropped by the decoder, seq not used"),
    TRUNCATED("truncated message", Kind.FRAMING, "dropped by the decoder, seq not used"),
    GARBAGE("garbage bytes between messages", Kind.FRAMING, "skipped by the decoder"),
    // ---- session-level Reject (35=3), the sequence number is used up, nothing booked
    MISSING_REQUIRED_TAG("required tag missing", Kind.REJECT, "Reject 373=1 (required tag missing)"),
    UNKNOWN_TAG("undefined tag (< 5000)", Kind.REJECT, "Reject 373=0 (invalid tag number)"),
    TAG_NOT_IN_MESSAGE("tag not defined for 35=8", Kind.REJECT, "Reject 373=2 (tag not defined for this MsgType)"),
    EMPTY_VALUE("tag without a value", Kind.REJECT, "Reject 373=4 (tag without a value)"),
    NON_NUMERIC("non-numeric price/qty", Kind.REJECT, "Reject 373=6 (incorrect data format)"),
    ENUM_OUT_OF_RANGE("ExecType/OrdStatus/Side out of range", Kind.REJECT, "Reject 373=5 (value incorrect)"),
    DUPLICATED_TAG("tag twice in the body", Kind.REJECT, "Reject 373=13 (4.2: no 373, text only)"),
    WRONG_MSGTYPE("report sent as 35=9", Kind.REJECT, "Reject 373=1 (a required tag of 35=9 missing)"),
    UNKNOWN_MSGTYPE("undefined MsgType", Kind.REJECT, "Reject 373=11 (invalid MsgType)"),
    NEGATIVE_QTY("negative quantity", Kind.REJECT, "Reject 373=5 (the adapter: must not be negative)"),
    HUGE_NUMBER("LastQty of 61 digits", Kind.REJECT, "Reject 373=5 (the adapter: not representable)"),
    HUGE_ID("ExecID of 200 characters", Kind.REJECT, "Reject 373=5 (the adapter: id too long)"),
    POSSDUP_NO_ORIG_TIME("PossDupFlag=Y, no OrigSendingTime", Kind.REJECT, "Reject 373=1 371=122"),
    // ---- BusinessMessageReject (35=j), the sequence number is used up, nothing booked
    MISSING_NEEDED_TAG("tag the adapter needs missing", Kind.BUSINESS_REJECT, "BMR 380=5 (conditionally required)"),
    UNSUPPORTED_MSGTYPE("valid but unsupported MsgType (News)", Kind.BUSINESS_REJECT, "BMR 380=3 (unsupported)"),
    // ---- sequence numbers
    SEQ_TOO_HIGH("MsgSeqNum too high (gap)", Kind.RESEND, "ResendRequest; gap-filled, report booked once"),
    POSSDUP_RESEND("resend of an earlier report (PossDup, seq too low)", Kind.ACCEPTED,
            "ignored as a duplicate, not booked again"),
    // ---- accepted by FIX and by the adapter's configuration: booked once (or recognised as a duplicate)
    HEADER_AFTER_BODY("header fields after the body", Kind.ACCEPTED,
            "accepted (ValidateFieldsOutOfOrder=N), booked"),
    USER_DEFINED_TAG("user-defined tag (5000-9999)", Kind.ACCEPTED, "accepted (ValidateUserDefinedFields=N), booked"),
    MISSING_OPTIONAL_TAG("optional tag missing", Kind.ACCEPTED, "accepted, booked"),
    HUGE_TEXT("64 KiB Text on a fill", Kind.ACCEPTED, "accepted, booked"),
    EXECID_REUSE("ExecID reused, identical content", Kind.ACCEPTED, "accepted, counted once (exec id)"),
    UNKNOWN_CLORDID("fill for an unknown ClOrdID", Kind.ACCEPTED,
            "accepted, booked to strategy 'unknown', recorded for the operator"),
    // ---- the session ends as FIX prescribes; the adapter reconnects by itself
    WRONG_COMPID("wrong SenderCompID", Kind.SESSION_BREAK, "Reject 373=9, then Logout; reconnect"),
    SENDING_TIME("SendingTime 10 minutes off", Kind.SESSION_BREAK, "Reject 373=10 371=52, then Logout; reconnect"),
    SEQ_TOO_LOW("MsgSeqNum too low, no PossDup", Kind.SESSION_BREAK, "Logout (MsgSeqNum too low); reconnect"),
    MISSING_SEQNUM("MsgSeqNum missing", Kind.SESSION_BREAK, "Logout (no MsgSeqNum); reconnect");

    /** What becomes of a message of the class. */
    public enum Kind {
        /** Parsed and thrown away by QuickFIX/J (logged as an invalid message, counted as garbled). */
        GARBLED,
        /** Never becomes a message: the decoder skips the bytes (logged by the decoder only). */
        FRAMING,
        REJECT,
        BUSINESS_REJECT,
        RESEND,
        ACCEPTED,
        SESSION_BREAK
    }

    public final String label;
    public final Kind kind;
    /** What FIX / QuickFIX/J prescribe (for the tally). */
    public final String prescribed;

    FixMutation(String label, Kind kind, String prescribed) {
        this.label = label;
        this.kind = kind;
        this.prescribed = prescribed;
    }
}
