package io.leadflow.events.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PerTransactionTest {

    private static final Object KEY = new Object();

    @Inject
    TransactionSynchronizationRegistry registry;

    @Test
    void aValueIsReadOncePerTransactionAgainAfterForgetAndEveryTimeOutsideOne() {
        AtomicInteger reads = new AtomicInteger();
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(PerTransaction.once(registry, KEY, reads::incrementAndGet)).isEqualTo(1);
            assertThat(PerTransaction.once(registry, KEY, reads::incrementAndGet)).isEqualTo(1);
            PerTransaction.forget(registry, KEY);
            assertThat(PerTransaction.once(registry, KEY, reads::incrementAndGet)).isEqualTo(2);
            assertThat(PerTransaction.once(registry, new Object(), () -> "another key")).isEqualTo("another key");
        });
        QuarkusTransaction.requiringNew().run(() ->
                assertThat(PerTransaction.once(registry, KEY, reads::incrementAndGet)).isEqualTo(3));
        assertThat(PerTransaction.once(registry, KEY, reads::incrementAndGet)).isEqualTo(4);
        assertThat(PerTransaction.once(registry, KEY, reads::incrementAndGet)).isEqualTo(5);
    }

    @Test
    void aNullIsHeldLikeAnyValue() {
        AtomicInteger reads = new AtomicInteger();
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat((Object) PerTransaction.once(registry, KEY, () -> {
                reads.incrementAndGet();
                return null;
            })).isNull();
            assertThat((Object) PerTransaction.once(registry, KEY, () -> {
                reads.incrementAndGet();
                return null;
            })).isNull();
        });
        assertThat(reads).hasValue(1);
    }
}
