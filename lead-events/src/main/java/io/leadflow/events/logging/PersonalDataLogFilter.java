package io.leadflow.events.logging;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Masks phones and emails in every log record before a handler writes it: the formatted message and the messages
 * of the exception chain (a PostgreSQL unique-violation message quotes the duplicated value, for instance). Every
 * service installs it on its handlers ({@code quarkus.log.console.filter=leadflow-personal-data}, set in lead-events'
 * shared configuration), so a careless log statement cannot leak a lead's contact details.
 */
@LoggingFilter(name = "leadflow-personal-data")
public final class PersonalDataLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String masked = PersonalDataMask.mask(formatted);
        if (record instanceof ExtLogRecord ext) {
            ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
        } else {
            record.setMessage(masked);
        }
        record.setParameters(null);
        if (record.getThrown() != null) {
            record.setThrown(MaskedThrowable.of(record.getThrown()));
        }
        return true;
    }

    /** Stands in for a logged exception: the same class name, stack and causes, with masked messages. */
    static final class MaskedThrowable extends Throwable {

        private final String original;

        private MaskedThrowable(Throwable source, Throwable cause) {
            super(PersonalDataMask.mask(source.getMessage()), cause, false, false);
            this.original = source.getClass().getName();
            setStackTrace(source.getStackTrace());
        }

        static Throwable of(Throwable source) {
            if (source == null || source instanceof MaskedThrowable) {
                return source;
            }
            java.util.IdentityHashMap<Throwable, Boolean> seen = new java.util.IdentityHashMap<>();
            return of(source, seen);
        }

        private static Throwable of(Throwable source, java.util.IdentityHashMap<Throwable, Boolean> seen) {
            if (source == null || seen.put(source, Boolean.TRUE) != null) {
                return null;
            }
            return new MaskedThrowable(source, of(source.getCause(), seen));
        }

        @Override
        public String toString() {
            String message = getMessage();
            return message == null ? original : original + ": " + message;
        }
    }
}
