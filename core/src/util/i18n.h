// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QString>
#include <QStringList>

namespace Smollama {

/*! The value of a \c{--lang CODE} or \c{--lang=CODE} option in \a arguments, empty when there
    is none. The programs look for it before they build their help texts, so that the help is
    already in the chosen language. */
SMOLLAMA_EXPORT QString languageArgument(const QStringList &arguments);

/*! The languages the environment asks for, most preferred first ("de_DE", "es"): the
    LANGUAGE list and the messages locale (LC_ALL, else LC_MESSAGES, else LANG), as gettext
    reads them. Empty when that locale is C or POSIX (then LANGUAGE is ignored, as gettext
    does). Without any of these variables, QLocale::system().uiLanguages(). */
SMOLLAMA_EXPORT QStringList systemLanguages();

/*! The languages smollama has a translation for ("de", "es"); English is the source language
    and needs none. */
SMOLLAMA_EXPORT QStringList availableLanguages();

/*! True when \a language ("en", "en_GB", "C", "POSIX", empty) means the untranslated
    English texts. */
SMOLLAMA_EXPORT bool isEnglish(const QString &language);

/*! Installs the translations for \a language ("de", "es_MX", "de_DE.UTF-8"), or, when it is
    empty, for the first of systemLanguages() that has one; Qt's own translations (qtbase) for
    that language too when they are installed. A later call replaces what an earlier one
    installed. A \a language given also becomes QLocale's default, so numbers follow it.
    Needs a QCoreApplication. Returns the language installed ("de"), or an empty
    string when the texts stay English: English or C asked for, or no translation for the
    language. */
SMOLLAMA_EXPORT QString installTranslations(const QString &language = QString());

/*! The language the last installTranslations() installed ("de"), empty while the texts are
    English. Plugins' own translations follow it (PluginTranslator). */
SMOLLAMA_EXPORT QString installedLanguage();

} // namespace Smollama
