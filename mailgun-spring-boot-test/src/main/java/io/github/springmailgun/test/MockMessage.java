package io.github.springmailgun.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A message {@link MailgunMockServer} accepted, with typed accessors for what a test asserts on. Every
 * parameter as sent is in {@link #parameters()}; files are in {@link #attachments()},
 * {@link #inlines()} and, for a MIME send, {@link #rawMime()}. Immutable.
 *
 * <pre class="code">
 * MockMessage message = mock.lastMessage();
 * assertThat(message.to()).containsExactly("alice@example.com");
 * assertThat(message.subject()).isEqualTo("Your order");
 * assertThat(message.tags()).contains("orders");
 * </pre>
 */
public final class MockMessage {

	private static final Pattern INDEXED = Pattern.compile("\\[\\d*]$");

	private final String id;

	private final String storageKey;

	private final URI storageUrl;

	private final String domain;

	private final Instant receivedAt;

	private final Map<String, List<String>> parameters;

	private final List<MockAttachment> files;

	private final byte @Nullable [] rawMime;

	private final List<MockHeader> mimeHeaders;

	private final Map<String, Map<String, Object>> recipientVariables;

	// Set once by the server before the message is published (under its lock).
	private volatile @Nullable String renderedHtml;

	MockMessage(String id, String storageKey, URI storageUrl, String domain, Instant receivedAt, FormData form,
			boolean mime) {
		this.id = id;
		this.storageKey = storageKey;
		this.storageUrl = storageUrl;
		this.domain = domain;
		this.receivedAt = receivedAt;
		this.parameters = form.fields();
		List<MockAttachment> files = form.files();
		byte[] raw = null;
		if (mime) {
			List<MockAttachment> message = form.files("message");
			if (!message.isEmpty()) {
				raw = message.get(0).content();
			}
			else {
				String text = form.first("message");
				raw = (text != null) ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
			}
		}
		this.files = files;
		this.rawMime = raw;
		this.mimeHeaders = (raw != null) ? MimeHeaders.parse(raw).headers() : List.of();
		this.recipientVariables = readRecipientVariables(form.first("recipient-variables"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> readRecipientVariables(@Nullable String json) {
		Map<String, Object> parsed = (json != null) ? MockJson.readObject(json) : null;
		if (parsed == null) {
			return Map.of();
		}
		Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
		parsed.forEach((address, values) -> {
			if (values instanceof Map<?, ?> map) {
				variables.put(address, Collections.unmodifiableMap((Map<String, Object>) map));
			}
		});
		return Collections.unmodifiableMap(variables);
	}

	/**
	 * Returns the message id as Mailgun answers it, in angle brackets: {@code <2026...@mg.example.com>}.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Returns the message id without angle brackets, as in {@code Message-Id} headers and events.
	 * @return the bare id
	 */
	public String messageId() {
		return this.id.substring(1, this.id.length() - 1);
	}

	/**
	 * Returns the key the message is stored under ({@code GET /v3/domains/{domain}/messages/{key}}).
	 * @return the storage key
	 */
	public String storageKey() {
		return this.storageKey;
	}

	/**
	 * Returns the URL of the stored message on the mock, as events give it in {@code storage.url}.
	 * @return the URL
	 */
	public URI storageUrl() {
		return this.storageUrl;
	}

	/**
	 * Returns the sending domain of the request path.
	 * @return the domain
	 */
	public String domain() {
		return this.domain;
	}

	/**
	 * Returns when the mock accepted the message.
	 * @return the time
	 */
	public Instant receivedAt() {
		return this.receivedAt;
	}

	/**
	 * Returns whether the message came to {@code messages.mime}.
	 * @return whether it is a MIME send
	 */
	public boolean isMime() {
		return this.rawMime != null;
	}

	/**
	 * Returns the sender: the {@code from} parameter, or the {@code From} header of a MIME send.
	 * @return the sender, or {@code null} (a template may provide it)
	 */
	public @Nullable String from() {
		return isMime() ? mimeHeader("From") : parameter("from");
	}

	/**
	 * Returns the {@code to} recipients, each comma-separated list split into its entries. For a MIME
	 * send these are the envelope recipients (Bcc included).
	 * @return the entries as sent, display names included
	 */
	public List<String> to() {
		return Addresses.splitAll(parameterValues("to"));
	}

	/**
	 * Returns the {@code cc} recipients, split into entries.
	 * @return the entries
	 */
	public List<String> cc() {
		return Addresses.splitAll(parameterValues("cc"));
	}

	/**
	 * Returns the {@code bcc} recipients, split into entries.
	 * @return the entries
	 */
	public List<String> bcc() {
		return Addresses.splitAll(parameterValues("bcc"));
	}

	/**
	 * Returns the bare addresses of every recipient ({@code to}, {@code cc}, {@code bcc}), without
	 * duplicates, as Mailgun's {@code recipients} lists them.
	 * @return the addresses
	 */
	public List<String> recipients() {
		LinkedHashSet<String> addresses = new LinkedHashSet<>();
		for (String entry : Addresses.splitAll(recipientValues())) {
			String address = Addresses.bareAddress(entry);
			addresses.add((address != null) ? address : entry);
		}
		return List.copyOf(addresses);
	}

	private List<String> recipientValues() {
		List<String> values = new ArrayList<>(parameterValues("to"));
		values.addAll(parameterValues("cc"));
		values.addAll(parameterValues("bcc"));
		return values;
	}

	/**
	 * Returns the subject: the {@code subject} parameter, or the {@code Subject} header of a MIME send.
	 * @return the subject, or {@code null}
	 */
	public @Nullable String subject() {
		return isMime() ? mimeHeader("Subject") : parameter("subject");
	}

	/**
	 * Returns the text body ({@code text}).
	 * @return the text, or {@code null} (always for a MIME send: see {@link #rawMime()})
	 */
	public @Nullable String text() {
		return parameter("text");
	}

	/**
	 * Returns the HTML body ({@code html}).
	 * @return the HTML, or {@code null}
	 */
	public @Nullable String html() {
		return parameter("html");
	}

	/**
	 * Returns the HTML the recipient sees: the stored template rendered with the message's variables when
	 * it names one ({@code template}), else {@link #html()}. {@link #html()} stays what was sent.
	 * @return the HTML, or {@code null}
	 */
	public @Nullable String renderedHtml() {
		String rendered = this.renderedHtml;
		return (rendered != null) ? rendered : html();
	}

	void rendered(@Nullable String html) {
		this.renderedHtml = html;
	}

	/**
	 * Returns the AMP body ({@code amp-html}).
	 * @return the AMP HTML, or {@code null}
	 */
	public @Nullable String ampHtml() {
		return parameter("amp-html");
	}

	/**
	 * Returns the stored template to render ({@code template}).
	 * @return the template name, or {@code null}
	 */
	public @Nullable String template() {
		return parameter("template");
	}

	/**
	 * Returns the template version ({@code t:version}).
	 * @return the version, or {@code null}
	 */
	public @Nullable String templateVersion() {
		return parameter("t:version");
	}

	/**
	 * Returns the template variables as sent ({@code t:variables}, JSON text).
	 * @return the JSON, or {@code null}
	 */
	public @Nullable String templateVariables() {
		return parameter("t:variables");
	}

	/**
	 * Returns the tags ({@code o:tag}), in order.
	 * @return the tags
	 */
	public List<String> tags() {
		return parameterValues("o:tag");
	}

	/**
	 * Returns the custom MIME headers ({@code h:} parameters) by name without the prefix, first value
	 * of each, in the order sent.
	 * @return the headers
	 */
	public Map<String, String> headers() {
		return prefixed("h:", null);
	}

	/**
	 * Returns a custom header ({@code h:<name>}), ignoring the case of the name.
	 * @param name the header name, for example {@code Reply-To}
	 * @return the value, or {@code null}
	 */
	public @Nullable String header(String name) {
		return ignoringCase(headers(), name);
	}

	/**
	 * Returns the custom variables ({@code v:} parameters) by name without the prefix, as sent: text,
	 * or JSON text for structured values.
	 * @return the variables
	 */
	public Map<String, String> variables() {
		return prefixed("v:", null);
	}

	/**
	 * Returns a custom variable ({@code v:<name>}).
	 * @param name the variable name
	 * @return the value as sent, or {@code null}
	 */
	public @Nullable String variable(String name) {
		return variables().get(name);
	}

	/**
	 * Returns the sending options ({@code o:} parameters) by name without the prefix, first value of
	 * each; tags are in {@link #tags()}.
	 * @return the options, for example {@code testmode=yes}
	 */
	public Map<String, String> options() {
		return prefixed("o:", "o:tag");
	}

	/**
	 * Returns a sending option by name, with or without the {@code o:} prefix.
	 * @param name the option, for example {@code tracking-clicks}
	 * @return the value, or {@code null}
	 */
	public @Nullable String option(String name) {
		return options().get(name.startsWith("o:") ? name.substring(2) : name);
	}

	/**
	 * Returns whether the message was sent in test mode ({@code o:testmode} is {@code yes} or {@code true}).
	 * @return whether test mode was asked for
	 */
	public boolean isTestMode() {
		String value = option("testmode");
		return value != null && (value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("true"));
	}

	/**
	 * Returns the per-recipient variables ({@code recipient-variables}), parsed.
	 * @return the variables of each recipient address, empty when not sent
	 */
	public Map<String, Map<String, Object>> recipientVariables() {
		return this.recipientVariables;
	}

	/**
	 * Returns the attachments ({@code attachment} file parts, also {@code attachment[0]} and the like).
	 * @return the attachments, in order
	 */
	public List<MockAttachment> attachments() {
		return filesNamed("attachment");
	}

	/**
	 * Returns the inline parts ({@code inline} file parts).
	 * @return the inline parts, in order
	 */
	public List<MockAttachment> inlines() {
		return filesNamed("inline");
	}

	/**
	 * Returns the attachment or inline part with the given file name.
	 * @param filename the file name
	 * @return the file, or {@code null}
	 */
	public @Nullable MockAttachment attachment(String filename) {
		for (MockAttachment file : this.files) {
			if (file.filename().equals(filename)) {
				return file;
			}
		}
		return null;
	}

	/**
	 * Returns every file part, whatever its field name.
	 * @return the files, in order
	 */
	public List<MockAttachment> files() {
		return this.files;
	}

	/**
	 * Returns every text parameter as sent, by name, values in order.
	 * @return the parameters
	 */
	public Map<String, List<String>> parameters() {
		return this.parameters;
	}

	/**
	 * Returns the first value of a parameter.
	 * @param name the parameter name as Mailgun spells it
	 * @return the value, or {@code null}
	 */
	public @Nullable String parameter(String name) {
		List<String> values = this.parameters.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * Returns every value of a parameter.
	 * @param name the parameter name
	 * @return the values, possibly empty
	 */
	public List<String> parameterValues(String name) {
		return this.parameters.getOrDefault(name, List.of());
	}

	/**
	 * Returns the MIME of a {@code messages.mime} send, exactly as received.
	 * @return a copy of the bytes, or {@code null} for a {@code messages} send
	 */
	public byte @Nullable [] rawMime() {
		return (this.rawMime != null) ? this.rawMime.clone() : null;
	}

	/**
	 * Returns the MIME of a {@code messages.mime} send as text (UTF-8).
	 * @return the MIME, or {@code null} for a {@code messages} send
	 */
	public @Nullable String rawMimeAsString() {
		return (this.rawMime != null) ? new String(this.rawMime, StandardCharsets.UTF_8) : null;
	}

	/**
	 * Returns the top-level headers of a MIME send, unfolded and decoded.
	 * @return the headers, empty for a {@code messages} send
	 */
	public List<MockHeader> mimeHeaders() {
		return this.mimeHeaders;
	}

	/**
	 * Returns a top-level header of a MIME send, ignoring the case of the name.
	 * @param name the header name, for example {@code Subject}
	 * @return the decoded value, or {@code null}
	 */
	public @Nullable String mimeHeader(String name) {
		for (MockHeader header : this.mimeHeaders) {
			if (header.name().equalsIgnoreCase(name)) {
				return header.value();
			}
		}
		return null;
	}

	private Map<String, String> prefixed(String prefix, @Nullable String excluded) {
		Map<String, String> values = new LinkedHashMap<>();
		this.parameters.forEach((name, list) -> {
			if (name.startsWith(prefix) && name.length() > prefix.length() && !name.equals(excluded)
					&& !list.isEmpty()) {
				values.putIfAbsent(name.substring(prefix.length()), list.get(0));
			}
		});
		return Collections.unmodifiableMap(values);
	}

	private List<MockAttachment> filesNamed(String name) {
		List<MockAttachment> matching = new ArrayList<>();
		for (MockAttachment file : this.files) {
			String field = file.name();
			if (field.equals(name) || (field.startsWith(name) && INDEXED.matcher(field.substring(name.length())).matches())) {
				matching.add(file);
			}
		}
		return List.copyOf(matching);
	}

	private static @Nullable String ignoringCase(Map<String, String> values, String name) {
		Objects.requireNonNull(name, "name");
		for (Map.Entry<String, String> entry : values.entrySet()) {
			if (entry.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
				return entry.getValue();
			}
		}
		return null;
	}

	/**
	 * Describes the message without its bodies and files' content.
	 * @return the description
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("MockMessage[id=").append(this.id)
			.append(isMime() ? ", mime" : "")
			.append(", domain=").append(this.domain)
			.append(", from=").append(from())
			.append(", to=").append(to());
		if (!cc().isEmpty()) {
			text.append(", cc=").append(cc());
		}
		if (!bcc().isEmpty()) {
			text.append(", bcc=").append(bcc());
		}
		text.append(", subject=").append(subject());
		if (template() != null) {
			text.append(", template=").append(template());
		}
		if (!tags().isEmpty()) {
			text.append(", tags=").append(tags());
		}
		if (!this.files.isEmpty()) {
			text.append(", files=").append(this.files.size());
		}
		return text.append(']').toString();
	}

}
