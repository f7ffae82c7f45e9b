package io.github.springmailgun.test;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link MailgunMockServer} for JUnit Jupiter tests: started before all tests of the class,
 * {@link MailgunMockServer#reset() reset} before each test, stopped after all. Test methods, lifecycle
 * methods and constructors may declare a {@code MailgunMockServer} parameter.
 *
 * <pre class="code">
 * &#64;ExtendWith(MailgunMockExtension.class)
 * class SignupTests {
 *
 *     &#64;Test
 *     void sendsWelcomeMail(MailgunMockServer mailgun) {
 *         // point the code under test at mailgun.baseUrl(), mailgun.apiKey(), mailgun.domain()
 *         assertThat(mailgun.lastMessage().subject()).isEqualTo("Welcome");
 *     }
 *
 * }
 * </pre>
 *
 * or, to configure the server and reach it from a static field:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static MailgunMockExtension mailgun = new MailgunMockExtension(MailgunMockServer.builder().domain("mg.shop.test"));
 * </pre>
 *
 * <p>
 * A {@code @Nested} class shares the server of its enclosing class. Registered on an instance field,
 * the extension runs one server per test. Methods of one class must not run concurrently, since each
 * test resets the shared server.
 */
public class MailgunMockExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(MailgunMockExtension.class);

	private final MailgunMockServer.Builder builder;

	private volatile @Nullable MailgunMockServer server;

	/**
	 * Creates an extension for a server with the defaults (see {@link MailgunMockServer#start()}).
	 */
	public MailgunMockExtension() {
		this(MailgunMockServer.builder());
	}

	/**
	 * Creates an extension for servers described by the builder.
	 * @param builder the description, used each time a server starts
	 */
	public MailgunMockExtension(MailgunMockServer.Builder builder) {
		this.builder = Objects.requireNonNull(builder, "builder");
	}

	/**
	 * Returns the running server, for tests that hold the extension in a field.
	 * @return the server
	 * @throws IllegalStateException when no test of the class is running
	 */
	public MailgunMockServer server() {
		MailgunMockServer current = this.server;
		if (current == null || current.isClosed()) {
			throw new IllegalStateException("The Mailgun mock runs only while the tests of the class that registers "
					+ "this extension run");
		}
		return current;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		obtain(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		obtain(context).reset();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		release(context);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		release(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == MailgunMockServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return obtain(extensionContext);
	}

	/** Returns the server of this context or an enclosing one, starting one at this level if there is none. */
	private MailgunMockServer obtain(ExtensionContext context) {
		ExtensionContext.Store store = context.getStore(NAMESPACE);
		// The key is this extension: two registrations in one class run two servers.
		Owned owned = store.get(this, Owned.class);
		if (owned == null) {
			owned = new Owned(this.builder.start(), context.getUniqueId());
			store.put(this, owned);
		}
		this.server = owned.server();
		return owned.server();
	}

	/** Stops the server if it was started at this level (not by an enclosing class). */
	private void release(ExtensionContext context) {
		ExtensionContext.Store store = context.getStore(NAMESPACE);
		Owned owned = store.get(this, Owned.class);
		if (owned != null && owned.owner().equals(context.getUniqueId())) {
			store.remove(this);
			owned.close();
			if (this.server == owned.server()) {
				this.server = null;
			}
		}
	}

	/**
	 * A server and the context that started it. JUnit closes it with its context should an
	 * {@code after} callback not run.
	 */
	private record Owned(MailgunMockServer server, String owner) implements AutoCloseable {

		@Override
		public void close() {
			this.server.close();
		}

	}

}
