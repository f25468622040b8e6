package io.livestack.venue.fix.internal;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.Date;
import quickfix.MessageStore;

/**
 * A QuickFIX/J message store that hands every call to another one; subclasses override what they change (e.g.
 * {@link #set}). Closing it closes the delegate when that is closeable.
 */
abstract class ForwardingMessageStore implements MessageStore, Closeable {

    protected final MessageStore delegate;

    ForwardingMessageStore(MessageStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean set(int sequence, String message) throws IOException {
        return delegate.set(sequence, message);
    }

    @Override
    public void get(int startSequence, int endSequence, Collection<String> messages) throws IOException {
        delegate.get(startSequence, endSequence, messages);
    }

    @Override
    public int getNextSenderMsgSeqNum() throws IOException {
        return delegate.getNextSenderMsgSeqNum();
    }

    @Override
    public int getNextTargetMsgSeqNum() throws IOException {
        return delegate.getNextTargetMsgSeqNum();
    }

    @Override
    public void setNextSenderMsgSeqNum(int next) throws IOException {
        delegate.setNextSenderMsgSeqNum(next);
    }

    @Override
    public void setNextTargetMsgSeqNum(int next) throws IOException {
        delegate.setNextTargetMsgSeqNum(next);
    }

    @Override
    public void incrNextSenderMsgSeqNum() throws IOException {
        delegate.incrNextSenderMsgSeqNum();
    }

    @Override
    public void incrNextTargetMsgSeqNum() throws IOException {
        delegate.incrNextTargetMsgSeqNum();
    }

    @Override
    public Date getCreationTime() throws IOException {
        return delegate.getCreationTime();
    }

    @Override
    public void reset() throws IOException {
        delegate.reset();
    }

    @Override
    public void refresh() throws IOException {
        delegate.refresh();
    }

    @Override
    public void close() throws IOException {
        if (delegate instanceof Closeable c) {
            c.close();
        }
    }
}
