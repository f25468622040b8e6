package io.livestack.runtime.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.state.StateView;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadOnlyStateTest {

    /**
     * Strategies, risk, execution and queries read the state through it: a method it left to the interface's default
     * would answer for an empty state (flat positions, no reference data) whatever the store holds.
     */
    @Test
    void overridesEveryMethodOfTheStateViewDefaultsIncluded() throws NoSuchMethodException {
        List<String> inherited = new ArrayList<>();
        for (Method m : StateView.class.getMethods()) {
            Method own = ReadOnlyState.class.getMethod(m.getName(), m.getParameterTypes());
            if (own.getDeclaringClass() != ReadOnlyState.class) {
                inherited.add(m.toString());
            }
        }
        assertThat(inherited).as("StateView methods ReadOnlyState does not delegate").isEmpty();
    }
}
