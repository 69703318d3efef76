package io.leadflow.analytics.rest;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;

import io.leadflow.analytics.domain.InvalidQueryException;
import io.leadflow.analytics.domain.LeadFilter;
import io.leadflow.analytics.domain.Period;
import io.leadflow.analytics.domain.Vocabulary;
import io.leadflow.events.domain.Text;
import io.leadflow.events.vocabulary.Language;

/** The query every table takes: registration period, source / grade / owner filters, format and language. */
public class TableParams {

    @QueryParam("from")
    public String from;

    @QueryParam("to")
    public String to;

    @QueryParam("source")
    public String source;

    @QueryParam("grade")
    public String grade;

    @QueryParam("owner")
    public String owner;

    @QueryParam("format")
    public String format;

    @QueryParam("lang")
    public String lang;

    @HeaderParam("Accept")
    public String accept;

    @HeaderParam("Accept-Language")
    public String acceptLanguage;

    public LeadFilter filter() {
        Period period = Period.parse(from, to);
        String s = Text.blank(source) ? null : Vocabulary.source("source", source);
        String g = Text.blank(grade) ? null : Vocabulary.grade("grade", grade);
        String o = Text.blank(owner) ? null : owner.trim();
        if (o != null && o.length() > 100) {
            throw new InvalidQueryException("owner", "an owner id is at most 100 characters");
        }
        return new LeadFilter(period, s, g, o);
    }

    /** CSV when asked by {@code ?format=csv} or by an Accept header naming text/csv. */
    public boolean csv() {
        if (!Text.blank(format)) {
            String f = format.trim().toLowerCase(Locale.ROOT);
            if (f.equals("csv")) {
                return true;
            }
            if (f.equals("json")) {
                return false;
            }
            throw new InvalidQueryException("format", "'" + format + "' is not a format; use json or csv");
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    /** The reader's language, negotiated as in every service; a {@code lang} the suite does not speak is refused. */
    public Language language() {
        return language(lang, acceptLanguage);
    }

    static Language language(String lang, String acceptLanguage) {
        if (!Text.blank(lang) && !List.of("zh", "zh-cn", "en", "en-us", "en-gb").contains(lang.trim().toLowerCase(Locale.ROOT))) {
            throw new InvalidQueryException("lang", "'" + lang + "' is not a language; use zh-CN or en");
        }
        return Language.of(lang, acceptLanguage);
    }
}
