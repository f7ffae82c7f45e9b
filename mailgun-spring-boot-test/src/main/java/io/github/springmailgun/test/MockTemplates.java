package io.github.springmailgun.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The stored templates of a {@link MailgunMockServer}, per domain, with their versions; a send that names
 * a template is rendered with its {@code t:variables}, as the recipient would see it.
 *
 * <p>
 * Templates are managed through Mailgun's Templates API ({@code /v3/{domain}/templates}, its versions and
 * paging). Names are stored lower-cased and found ignoring case, as Mailgun documents; a template is also
 * found by its id. Content is compiled when it is stored, so a template outside the Handlebars subset
 * Mailgun documents (variables, {@code if}, {@code unless}, {@code each}, {@code with}, {@code equal}) is
 * refused with 400 then, not at send time. Mailgun does not document its error texts for templates; the
 * mock answers 404 {@code template not found} and {@code version not found}, and 400 for a duplicate name
 * or tag.
 *
 * <p>
 * A send naming a template that does not exist, or a {@code t:version} it does not have, is refused with
 * 400 ({@code template not found}, {@code version not found}): Mailgun has been reported to accept such a
 * send and then drop it, and the mock refuses it so that a test sees the mistake.
 *
 * <p>
 * Thread-safe.
 */
public final class MockTemplates {

	private final MockClock clock;

	private final ReentrantLock lock = new ReentrantLock();

	/** Domain (lower-case) to templates by name. */
	private final Map<String, TreeMap<String, StoredTemplate>> domains = new LinkedHashMap<>();

	MockTemplates(MockClock clock) {
		this.clock = clock;
	}

	/**
	 * Returns the names of the templates stored for a domain.
	 * @param domain the domain
	 * @return the names, lower-cased and in Mailgun's (ascending) order
	 */
	public List<String> names(String domain) {
		this.lock.lock();
		try {
			return List.copyOf(templates(domain).keySet());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stores a template for a test or a local setup, as {@code POST /v3/{domain}/templates} would: a new
	 * template gets an active version tagged {@code initial}; an existing one gets a new active version.
	 * @param domain the domain
	 * @param name the name (stored lower-cased)
	 * @param content the Handlebars content
	 * @throws IllegalArgumentException when the content is not a template the mock can render
	 */
	public void store(String domain, String name, String content) {
		Handlebars compiled;
		try {
			compiled = Handlebars.compile(content);
		}
		catch (Handlebars.SyntaxException ex) {
			throw new IllegalArgumentException("invalid template: " + ex.getMessage(), ex);
		}
		this.lock.lock();
		try {
			String key = name.strip().toLowerCase(Locale.ROOT);
			StoredTemplate template = templates(domain).computeIfAbsent(key,
					(ignored) -> new StoredTemplate(key, null, null, this.clock.now()));
			String tag = template.versions.isEmpty() ? "initial" : "v" + (template.versions.size() + 1);
			StoredTemplate.Version version = new StoredTemplate.Version(tag, content, compiled, this.clock.now());
			template.versions.put(tag, version);
			template.activate(version);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Adds the endpoints of templates and their versions. */
	void register(MockRoutes routes) {
		new TemplateEndpoints(this).register(routes);
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
		Map<String, Object> parsed = (variables != null) ? MockJson.readObject(variables) : null;
		try {
			return render(domain, name, version, (parsed != null) ? parsed : Map.of());
		}
		catch (BadRequestException ex) {
			return null;
		}
	}

	/**
	 * Renders the template a message names with the variables Mailgun gives templates: its
	 * {@code h:X-Mailgun-Variables} and {@code v:} variables, {@code t:variables} over them, and the
	 * {@code recipient-variables} of its first recipient as {@code recipient}.
	 * @param message the message being accepted
	 * @return the rendered HTML, or {@code null} when the message names no template
	 * @throws BadRequestException when the template or version does not exist
	 */
	@Nullable String render(MockMessage message) {
		String name = message.template();
		if (name == null || name.isEmpty()) {
			return null;
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		String header = message.header("X-Mailgun-Variables");
		Map<String, Object> fromHeader = (header != null) ? MockJson.readObject(header) : null;
		if (fromHeader != null) {
			variables.putAll(fromHeader);
		}
		message.variables().forEach((key, value) -> {
			Map<String, Object> structured = value.startsWith("{") ? MockJson.readObject(value) : null;
			variables.put(key, (structured != null) ? structured : value);
		});
		String json = message.templateVariables();
		Map<String, Object> templateVariables = (json != null) ? MockJson.readObject(json) : null;
		if (templateVariables != null) {
			variables.putAll(templateVariables);
		}
		List<String> recipients = message.recipients();
		Map<String, Object> recipient = recipients.isEmpty() ? null
				: message.recipientVariables().get(recipients.get(0));
		if (recipient != null) {
			variables.putIfAbsent("recipient", recipient);
		}
		return render(message.domain(), name, message.templateVersion(), variables);
	}

	private String render(String domain, String name, @Nullable String tag, Map<String, Object> variables) {
		Handlebars compiled;
		this.lock.lock();
		try {
			StoredTemplate template = find(domain, name);
			if (template == null) {
				throw new BadRequestException("template not found");
			}
			boolean tagged = tag != null && !tag.isEmpty();
			StoredTemplate.Version version = tagged ? template.versions.get(tag) : template.active();
			if (version == null) {
				throw new BadRequestException(tagged ? "version not found" : "template has no active version");
			}
			compiled = version.compiled;
		}
		finally {
			this.lock.unlock();
		}
		try {
			return compiled.render(variables);
		}
		catch (Handlebars.SyntaxException ex) {
			throw new BadRequestException(String.valueOf(ex.getMessage()));
		}
	}

	void reset() {
		this.lock.lock();
		try {
			this.domains.clear();
		}
		finally {
			this.lock.unlock();
		}
	}

	MockClock clock() {
		return this.clock;
	}

	/** A handler run under the lock; a {@link NotFoundException} answers 404. */
	MockRoutes.Handler locked(MockRoutes.Handler handler) {
		return (call) -> {
			this.lock.lock();
			try {
				return handler.handle(call);
			}
			catch (NotFoundException ex) {
				return MockAnswer.json(404, String.valueOf(ex.getMessage()));
			}
			finally {
				this.lock.unlock();
			}
		};
	}

	/** The templates of a domain by lower-case name; call with the lock held. */
	TreeMap<String, StoredTemplate> templates(String domain) {
		return this.domains.computeIfAbsent(domain.toLowerCase(Locale.ROOT), (key) -> new TreeMap<>());
	}

	/** Finds a template by name, ignoring case, or by id; call with the lock held. */
	@Nullable StoredTemplate find(String domain, String nameOrId) {
		TreeMap<String, StoredTemplate> templates = templates(domain);
		StoredTemplate template = templates.get(nameOrId.toLowerCase(Locale.ROOT));
		if (template != null) {
			return template;
		}
		for (StoredTemplate candidate : templates.values()) {
			if (candidate.id.equals(nameOrId)) {
				return candidate;
			}
		}
		return null;
	}

	/** A template or version that does not exist: 404 with Mailgun's {@code {"message": ...}}. */
	static final class NotFoundException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		NotFoundException(String message) {
			super(message, null, false, false);
		}

	}

}
