package io.github.springmailgun.template;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * One page of the versions of a template ({@code GET /v3/{domain}/templates/{name}/versions}).
 *
 * @param template the template, whose {@link Template#versions()} are this page's versions
 * @param paging the links to other pages
 */
public record TemplateVersionPage(@JsonSetter(nulls = Nulls.FAIL) Template template, PagingLinks paging) {

	/**
	 * Reads missing links as none.
	 */
	public TemplateVersionPage {
		paging = (paging != null) ? paging : PagingLinks.NONE;
	}

	/**
	 * Returns the versions of this page, without their content.
	 * @return the versions
	 */
	public List<TemplateVersion> versions() {
		return this.template.versions();
	}

}
