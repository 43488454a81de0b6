// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugintranslator.h"

#include "util/i18n.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QTranslator>

namespace Smollama {

std::unique_ptr<PluginTranslator> PluginTranslator::install(const QString &module,
                                                            const QString &libraryPath)
{
    const QString language = installedLanguage();
    if (language.isEmpty() || module.isEmpty() || !QCoreApplication::instance()) {
        return nullptr;
    }
    const QLocale locale(language);
    auto translator = std::make_unique<QTranslator>();
    const QStringList folders = searchFolders(module, libraryPath);
    for (const QString &folder : folders) {
        // Tries <module>_de_DE.qm, then <module>_de.qm, ... for the locale's languages.
        if (translator->load(locale, module, QStringLiteral("_"), folder)) {
            if (!QCoreApplication::installTranslator(translator.get())) {
                return nullptr;
            }
            std::unique_ptr<PluginTranslator> installed(new PluginTranslator);
            installed->m_translator = std::move(translator);
            return installed;
        }
    }
    return nullptr;
}

PluginTranslator::~PluginTranslator()
{
    if (m_translator && QCoreApplication::instance()) {
        QCoreApplication::removeTranslator(m_translator.get());
    }
}

QString PluginTranslator::filePath() const
{
    return m_translator ? m_translator->filePath() : QString();
}

QStringList PluginTranslator::searchFolders(const QString &module, const QString &libraryPath)
{
    return {QFileInfo(libraryPath).absolutePath() + QStringLiteral("/translations"),
            QStringLiteral(":/smollama/translations/") + module};
}

} // namespace Smollama
