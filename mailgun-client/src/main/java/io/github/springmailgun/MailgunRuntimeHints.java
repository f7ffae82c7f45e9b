package io.github.springmailgun;

import io.github.springmailgun.message.SendResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Registers the reflection a native image needs for the types the client binds with Jackson.
 * Listed in {@code META-INF/spring/aot.factories}, so Spring's AOT processing picks it up with or
 * without Spring Boot.
 */
public class MailgunRuntimeHints implements RuntimeHintsRegistrar {

	/** Every type Jackson reads or writes by reflection; records of later API areas are added here. */
	static final Class<?>[] JSON_TYPES = { SendResponse.class };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), JSON_TYPES);
	}

}
