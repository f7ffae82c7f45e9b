package io.github.springmailgun.template;

import java.util.List;
import java.util.Objects;


/**
 * One page of the templates of a domain ({@code GET /v3/{domain}/templates}).
 *
 * @param items the templates of this page, without versions
 * @param paging the links to other pages
 */
public record TemplatePage(List<Template> items, PagingLinks paging) {

	/**
	 * Copies the items and reads missing links as none.
	 */
	public TemplatePage {
		items = (items != null) ? items.stream().filter(Objects::nonNull).toList() : List.of();
		paging = (paging != null) ? paging : PagingLinks.NONE;
	}

}
