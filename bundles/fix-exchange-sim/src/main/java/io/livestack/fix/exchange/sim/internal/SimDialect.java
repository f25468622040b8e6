package io.livestack.fix.exchange.sim.internal;

import java.net.URL;
import quickfix.DefaultMessageFactory;
import quickfix.FixVersions;
import quickfix.Group;
import quickfix.Message;
import quickfix.MessageFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.field.ApplVerID;
import quickfix.field.MsgType;

/** The FIX versions the simulator accepts and what differs between them (see the venue adapter's FixDialect). */
enum SimDialect {
    FIX42(FixVersions.BEGINSTRING_FIX42, FixVersions.BEGINSTRING_FIX42),
    FIX44(FixVersions.BEGINSTRING_FIX44, FixVersions.BEGINSTRING_FIX44),
    FIX50SP2(FixVersions.BEGINSTRING_FIXT11, FixVersions.FIX50SP2);

    final String beginString;
    final String applicationVersion;

    SimDialect(String beginString, String applicationVersion) {
        this.beginString = beginString;
        this.applicationVersion = applicationVersion;
    }

    static SimDialect forBeginString(String beginString) {
        for (SimDialect d : values()) {
            if (d.beginString.equals(beginString)) {
                return d;
            }
        }
        return null;
    }

    boolean isFix42() {
        return this == FIX42;
    }

    static MessageFactory messageFactory() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        DefaultMessageFactory factory;
        thread.setContextClassLoader(SimDialect.class.getClassLoader());
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

    Message newMessage(MessageFactory factory, String msgType) {
        Message message = factory.create(beginString, msgType);
        message.getHeader().setString(MsgType.FIELD, msgType);
        return message;
    }

    Group newGroup(MessageFactory factory, String msgType, int countTag, int delimiterTag) {
        Group group = factory.create(applicationVersion, msgType, countTag);
        return group != null ? group : new Group(countTag, delimiterTag);
    }

    void configureDictionaries(SessionSettings settings, SessionID id) {
        settings.setBool(id, "UseDataDictionary", true);
        switch (this) {
            case FIX42 -> settings.setString(id, "DataDictionary",
                    dictionary(quickfix.fix42.MessageFactory.class, "FIX42.xml"));
            case FIX44 -> settings.setString(id, "DataDictionary",
                    dictionary(quickfix.fix44.MessageFactory.class, "FIX44.xml"));
            case FIX50SP2 -> {
                settings.setString(id, "TransportDataDictionary",
                        dictionary(quickfix.fixt11.MessageFactory.class, "FIXT11.xml"));
                settings.setString(id, "AppDataDictionary",
                        dictionary(quickfix.fix50sp2.MessageFactory.class, "FIX50SP2.xml"));
                settings.setString(id, "DefaultApplVerID", "FIX.5.0SP2");
            }
        }
    }

    private static String dictionary(Class<?> anchor, String name) {
        URL url = anchor.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("data dictionary " + name + " not found next to " + anchor.getName());
        }
        return url.toExternalForm();
    }
}
