package io.github.springmailgun.template;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stored templates of the bound domain and their versions ({@code /v3/{domain}/templates}). Obtained
 * from {@code mailgun.templates()}, or {@code mailgun.forDomain("other").templates()}.
 *
 * <p>
 * Lists come two ways: a {@link Flux} of every item, which requests the next page only when the
 * previous one is used up and stops when the subscriber cancels, and single pages with their links.
 */
public interface TemplateOperations {

	/**
	 * Stores a template, and its first version when content is given ({@code POST /v3/{domain}/templates}).
	 * @param request the template
	 * @return the stored template, with the version when one was created
	 */
	Mono<Template> create(TemplateRequest request);

	/**
	 * Fetches a template without content ({@code GET /v3/{domain}/templates/{name}}).
	 * @param name the template name
	 * @return the template
	 */
	Mono<Template> get(String name);

	/**
	 * Fetches a template, with its active version and content when asked ({@code active=yes}).
	 * @param name the template name
	 * @param withActiveVersion whether to include the active version in {@link Template#version()}
	 * @return the template
	 */
	Mono<Template> get(String name, boolean withActiveVersion);

	/**
	 * Returns every template of the domain, 100 per request, following {@code paging.next}.
	 * @return the templates, without versions
	 */
	Flux<Template> list();

	/**
	 * Returns every template of the domain, following {@code paging.next}.
	 * @param pageSize how many templates to request at a time, 1 to 100
	 * @return the templates, without versions
	 */
	Flux<Template> list(int pageSize);

	/**
	 * Fetches the first page of templates ({@code GET /v3/{domain}/templates?limit=...}).
	 * @param limit how many templates, 1 to 100
	 * @return the page
	 */
	Mono<TemplatePage> listPage(int limit);

	/**
	 * Fetches the page after the given one by its {@code paging.next} link.
	 * @param page a page fetched before
	 * @return the next page (empty when the given page was the last), or no page when there is no link
	 */
	Mono<TemplatePage> nextPage(TemplatePage page);

	/**
	 * Changes the description of a template ({@code PUT /v3/{domain}/templates/{name}}).
	 * @param name the template name
	 * @param description the new description
	 * @return Mailgun's answer
	 */
	Mono<TemplateChange> update(String name, String description);

	/**
	 * Deletes a template and all its versions ({@code DELETE /v3/{domain}/templates/{name}}).
	 * @param name the template name
	 * @return Mailgun's answer
	 */
	Mono<TemplateChange> delete(String name);

	/**
	 * Adds a version to a template ({@code POST /v3/{domain}/templates/{name}/versions}); the first
	 * version of a template becomes active.
	 * @param templateName the template name
	 * @param request the version
	 * @return the template with the new version in {@link Template#version()}
	 */
	Mono<Template> createVersion(String templateName, TemplateVersionRequest request);

	/**
	 * Fetches a version with its content ({@code GET /v3/{domain}/templates/{name}/versions/{tag}}).
	 * @param templateName the template name
	 * @param tag the version tag
	 * @return the version
	 */
	Mono<TemplateVersion> getVersion(String templateName, String tag);

	/**
	 * Returns every version of a template, 100 per request, following {@code paging.next}.
	 * @param templateName the template name
	 * @return the versions, without content
	 */
	Flux<TemplateVersion> listVersions(String templateName);

	/**
	 * Returns every version of a template, following {@code paging.next}.
	 * @param templateName the template name
	 * @param pageSize how many versions to request at a time, 1 to 100
	 * @return the versions, without content
	 */
	Flux<TemplateVersion> listVersions(String templateName, int pageSize);

	/**
	 * Fetches the first page of versions of a template
	 * ({@code GET /v3/{domain}/templates/{name}/versions?limit=...}).
	 * @param templateName the template name
	 * @param limit how many versions, 1 to 100
	 * @return the page
	 */
	Mono<TemplateVersionPage> listVersionsPage(String templateName, int limit);

	/**
	 * Fetches the page of versions after the given one by its {@code paging.next} link.
	 * @param page a page fetched before
	 * @return the next page (empty when the given page was the last), or no page when there is no link
	 */
	Mono<TemplateVersionPage> nextVersionsPage(TemplateVersionPage page);

	/**
	 * Changes a version ({@code PUT /v3/{domain}/templates/{name}/versions/{tag}}).
	 * @param templateName the template name
	 * @param tag the version tag
	 * @param update the values to change
	 * @return Mailgun's answer
	 */
	Mono<TemplateChange> updateVersion(String templateName, String tag, TemplateVersionUpdate update);

	/**
	 * Deletes a version ({@code DELETE /v3/{domain}/templates/{name}/versions/{tag}}).
	 * @param templateName the template name
	 * @param tag the version tag
	 * @return Mailgun's answer
	 */
	Mono<TemplateChange> deleteVersion(String templateName, String tag);

	/**
	 * Copies a version under a new tag, replacing a version of that tag if there is one
	 * ({@code PUT /v3/{domain}/templates/{name}/versions/{tag}/copy/{newTag}}).
	 * @param templateName the template name
	 * @param tag the tag of the version to copy
	 * @param newTag the tag of the copy
	 * @param comment the comment of the copy, or {@code null}
	 * @return the copy
	 */
	Mono<TemplateVersion> copyVersion(String templateName, String tag, String newTag, @Nullable String comment);

	/**
	 * Returns the domain whose templates these are.
	 * @return the bound domain
	 */
	String domain();

}
