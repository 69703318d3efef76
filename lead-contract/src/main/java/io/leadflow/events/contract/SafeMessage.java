package io.leadflow.events.contract;

/**
 * An exception whose message names only what the code knows (types, fields, versions), never a value it was given,
 * so the message may travel where personal data must not: a dead letter's headers, which whoever reads the topic
 * reads. Every other exception is described there by its class alone.
 */
public interface SafeMessage {
}
