// SPDX-License-Identifier: GPL-3.0-or-later
#include "i18n.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QList>
#include <QLocale>
#include <QTranslator>

namespace Smollama {

namespace {

// Where qt_add_translations() puts the .qm files (core/CMakeLists.txt): embedded in this
// library, so an installation needs no extra files.
const QString s_qmDirectory = QStringLiteral(":/i18n");
const QString s_qmPrefix = QStringLiteral("smollama_");

QString &currentLanguage()
{
    static QString language;
    return language;
}

QList<QTranslator *> &installedTranslators()
{
    static QList<QTranslator *> translators;
    return translators;
}

// The English plural forms ("1 value", "7 values"): English needs no other translation.
void installEnglishPlurals()
{
    auto *translator = new QTranslator;
    if (!translator->load(QStringLiteral(":/i18n-en/smollama_en.qm"))) {
        delete translator;
        return;
    }
    QCoreApplication::installTranslator(translator);
    installedTranslators().append(translator);
}

void removeInstalledTranslators()
{
    for (QTranslator *translator : std::as_const(installedTranslators())) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    installedTranslators().clear();
}

// "de_DE.UTF-8@euro" → "de_DE": the part QLocale understands.
QString stripEncoding(QString name)
{
    name = name.section(QLatin1Char('.'), 0, 0);
    return name.section(QLatin1Char('@'), 0, 0).trimmed();
}

} // namespace

bool isEnglish(const QString &language)
{
    const QString name = stripEncoding(language);
    if (name.isEmpty() || name == QLatin1String("C") || name == QLatin1String("POSIX")) {
        return true;
    }
    const QLocale locale(name);
    return locale.language() == QLocale::English;
}

QString languageArgument(const QStringList &arguments)
{
    const QString option = QStringLiteral("--lang");
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--")) {
            break;
        }
        if (arg == option && i + 1 < arguments.size()) {
            return arguments.at(i + 1);
        }
        if (arg.startsWith(option + QLatin1Char('='))) {
            return arg.mid(option.size() + 1);
        }
    }
    return {};
}

QStringList systemLanguages()
{
    QString messages = qEnvironmentVariable("LC_ALL");
    if (messages.isEmpty()) {
        messages = qEnvironmentVariable("LC_MESSAGES");
    }
    if (messages.isEmpty()) {
        messages = qEnvironmentVariable("LANG");
    }
    if (messages.isEmpty()) {
        return QLocale::system().uiLanguages();
    }
    messages = stripEncoding(messages);
    if (messages == QLatin1String("C") || messages == QLatin1String("POSIX")) {
        return {};
    }
    QStringList languages;
    const QStringList preferred =
        qEnvironmentVariable("LANGUAGE").split(QLatin1Char(':'), Qt::SkipEmptyParts);
    for (const QString &language : preferred) {
        languages.append(stripEncoding(language));
    }
    languages.append(messages);
    languages.removeDuplicates();
    return languages;
}

QStringList availableLanguages()
{
    QStringList languages;
    const QStringList files =
        QDir(s_qmDirectory).entryList({s_qmPrefix + QStringLiteral("*.qm")}, QDir::Files);
    for (const QString &file : files) {
        languages.append(file.mid(s_qmPrefix.size()).chopped(3));
    }
    return languages;
}

QString installedLanguage()
{
    return currentLanguage();
}

QString installTranslations(const QString &language)
{
    removeInstalledTranslators();
    currentLanguage().clear();
    if (!language.isEmpty()) {
        // A language chosen on the command line also decides how numbers and dates are
        // written (a German dashboard shows 12,5 and 2.300), as the locale would.
        QLocale::setDefault(QLocale(stripEncoding(language)));
    }
    const QStringList candidates =
        language.isEmpty() ? systemLanguages() : QStringList{stripEncoding(language)};
    for (const QString &candidate : candidates) {
        if (isEnglish(candidate)) {
            // English is preferred over the languages after it (LANGUAGE=en:de).
            installEnglishPlurals();
            return {};
        }
        const QLocale locale(candidate);
        auto *translator = new QTranslator;
        // Tries smollama_de_DE.qm, then smollama_de.qm, and so on for the locale's languages.
        if (!translator->load(locale, QStringLiteral("smollama"), QStringLiteral("_"),
                              s_qmDirectory)) {
            delete translator;
            continue;
        }
        QCoreApplication::installTranslator(translator);
        installedTranslators().append(translator);

        // Qt's own texts (e.g. QCommandLineParser's --help) when Debian's qt6-translations-l10n
        // is installed; without it they stay English.
        auto *qtTranslator = new QTranslator;
        if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qtTranslator);
            installedTranslators().append(qtTranslator);
        } else {
            delete qtTranslator;
        }
        currentLanguage() =
            QFileInfo(translator->filePath()).completeBaseName().mid(s_qmPrefix.size());
        return currentLanguage();
    }
    installEnglishPlurals();
    return {};
}

} // namespace Smollama
