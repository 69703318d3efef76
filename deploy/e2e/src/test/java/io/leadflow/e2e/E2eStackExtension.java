package io.leadflow.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the {@link E2eStack} once for every IT of the run (kept in the root context's store, which closes it when
 * the last test is done) and hands it to test methods as a parameter. A stack that failed to start fails every IT
 * with the same message instead of being retried per class.
 */
public class E2eStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(E2eStack.class);

    /** Remembers a failed start, so it is reported once per IT rather than attempted again. */
    record Failed(RuntimeException cause) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == E2eStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    static E2eStack stack(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Object value = store.computeIfAbsent("stack", k -> {
            try {
                return E2eStack.start();
            } catch (RuntimeException e) {
                return new Failed(e);
            }
        });
        if (value instanceof Failed failed) {
            throw new IllegalStateException("The e2e stack did not start: " + failed.cause().getMessage(),
                    failed.cause());
        }
        return (E2eStack) value;
    }
}
