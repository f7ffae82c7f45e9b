package io.github.springmailgun.test;

import org.jspecify.annotations.Nullable;

/**
 * The stored templates of a {@link MailgunMockServer}, per domain, with their versions; a send that names
 * a template is rendered with its {@code t:variables}, as the recipient would see it.
 *
 * <p>
 * Thread-safe.
 */
public final class MockTemplates {

	private final MockClock clock;

	MockTemplates(MockClock clock) {
		this.clock = clock;
	}

	/** Adds the endpoints of templates and their versions. */
	void register(MockRoutes routes) {
	}

	/**
	 * Renders a stored template.
	 * @param domain the sending domain
	 * @param name the template's name
	 * @param version the version's tag, {@code null} for the active one
	 * @param variables the {@code t:variables} JSON, or {@code null}
	 * @return the rendered HTML, or {@code null} when there is no such template
	 */
	@Nullable String render(String domain, String name, @Nullable String version, @Nullable String variables) {
		return null;
	}

	void reset() {
	}

	MockClock clock() {
		return this.clock;
	}

}
