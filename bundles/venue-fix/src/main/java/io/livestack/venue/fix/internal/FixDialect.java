package io.livestack.venue.fix.internal;

import java.net.URL;
import quickfix.DefaultMessageFactory;
import quickfix.FixVersions;
import quickfix.Group;
import quickfix.Message;
import quickfix.MessageFactory;
import quickfix.SessionSettings;
import quickfix.field.ApplVerID;
import quickfix.field.MsgType;

/**
 * What differs between the supported FIX versions. Tags are the same in all of them, so the mappers work on tag
 * numbers and ask the dialect only for the differences: which message classes and data dictionaries to use, and the
 * few version rules (4.2: ExecTransType, ExecType 1/2 for fills, status answers with ExecTransType=3; 4.4 and later:
 * ExecType F for trades and I for status answers, OrderMassStatusRequest).
 * <p>
 * The message factory and the dictionaries are wired explicitly from the per-version message bundles' classes (not
 * found by QuickFIX/J's reflection), so that they work inside OSGi whatever order the bundles resolved in.
 */
public enum FixDialect {
    FIX42(FixVersions.BEGINSTRING_FIX42, FixVersions.BEGINSTRING_FIX42),
    FIX44(FixVersions.BEGINSTRING_FIX44, FixVersions.BEGINSTRING_FIX44),
    /** FIXT.1.1 transport with FIX 5.0 SP2 application messages. */
    FIX50SP2(FixVersions.BEGINSTRING_FIXT11, FixVersions.FIX50SP2);

    private final String beginString;
    private final String applicationVersion;

    FixDialect(String beginString, String applicationVersion) {
        this.beginString = beginString;
        this.applicationVersion = applicationVersion;
    }

    public static FixDialect forBeginString(String beginString) {
        for (FixDialect d : values()) {
            if (d.beginString.equals(beginString)) {
                return d;
            }
        }
        return null;
    }

    /** The session's BeginString (8). */
    public String beginString() {
        return beginString;
    }

    /** FIX 4.2 rules: ExecTransType (20), ExecType 1/2 for fills, no LastLiquidityInd, no mass status. */
    public boolean isFix42() {
        return this == FIX42;
    }

    public boolean supportsMassStatus() {
        return this != FIX42;
    }

    /** A message factory that knows every supported version (and FIXT admin messages). */
    public static MessageFactory messageFactory() {
        // QuickFIX/J's constructor probes for the version factories by reflection and falls back to the context
        // class loader (which may be null or unrelated in OSGi): give it ours, then register the factories explicitly.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        DefaultMessageFactory factory;
        thread.setContextClassLoader(FixDialect.class.getClassLoader());
        try {
            factory = new DefaultMessageFactory(ApplVerID.FIX50SP2);
        } finally {
            thread.setContextClassLoader(previous);
        }
        factory.addFactory(FixVersions.BEGINSTRING_FIX42, quickfix.fix42.MessageFactory.class);
        factory.addFactory(FixVersions.BEGINSTRING_FIX44, quickfix.fix44.MessageFactory.class);
        factory.addFactory(FixVersions.BEGINSTRING_FIXT11, quickfix.fixt11.MessageFactory.class);
        factory.addFactory(FixVersions.FIX50SP2, quickfix.fix50sp2.MessageFactory.class);
        return factory;
    }

    /** A new application message of this version, e.g. a {@code quickfix.fix44.NewOrderSingle} for "D". */
    public Message newMessage(MessageFactory factory, String msgType) {
        Message message = factory.create(beginString, msgType);
        message.getHeader().setString(quickfix.field.BeginString.FIELD, beginString);
        message.getHeader().setString(MsgType.FIELD, msgType);
        return message;
    }

    /** A repeating group entry of this version's message, with the version's field order. */
    public Group newGroup(MessageFactory factory, String msgType, int countTag, int delimiterTag) {
        Group group = factory.create(applicationVersion, msgType, countTag);
        return group != null ? group : new Group(countTag, delimiterTag);
    }

    /** Session settings that load this version's data dictionaries from the message bundles. */
    public void configureDictionaries(SessionSettings settings, quickfix.SessionID sessionId) {
        settings.setBool(sessionId, "UseDataDictionary", true);
        switch (this) {
            case FIX42 -> settings.setString(sessionId, "DataDictionary",
                    dictionary(quickfix.fix42.MessageFactory.class, "FIX42.xml"));
            case FIX44 -> settings.setString(sessionId, "DataDictionary",
                    dictionary(quickfix.fix44.MessageFactory.class, "FIX44.xml"));
            case FIX50SP2 -> {
                settings.setString(sessionId, "TransportDataDictionary",
                        dictionary(quickfix.fixt11.MessageFactory.class, "FIXT11.xml"));
                settings.setString(sessionId, "AppDataDictionary",
                        dictionary(quickfix.fix50sp2.MessageFactory.class, "FIX50SP2.xml"));
                settings.setString(sessionId, "DefaultApplVerID", "FIX.5.0SP2");
            }
        }
    }

    /** The data dictionary resource of a message bundle as a URL QuickFIX/J can open (jar: or bundle:). */
    static String dictionary(Class<?> anchor, String name) {
        URL url = anchor.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("data dictionary " + name + " not found next to " + anchor.getName());
        }
        return url.toExternalForm();
    }
}
