// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QString>
#include <QStringList>

#include <memory>

class QTranslator;

namespace Smollama {

/*!
    A plugin's own translations (its tr() texts: status reasons, tool descriptions, errors),
    installed while its library is loaded. A plugin ships `<module>_<lang>.qm` files, found in
    this order:

    1. `translations/` beside the library (`<dir>/libsmollama_foo.so` → `<dir>/translations/`);
    2. embedded in the library as a Qt resource under `:/smollama/translations/<module>/`
       (what `smollama_add_plugin_translations()` of the SDK does).

    The language is the one the host chose for its own texts (`--lang`, else the locale:
    installedLanguage()); while the host speaks English, no plugin translation is installed.
    `de_AT` falls back to `<module>_de.qm`, as for the host's texts.
*/
class SMOLLAMA_EXPORT PluginTranslator
{
public:
    /*! Installs the translation of plugin \a module whose library is \a libraryPath into the
        application; null when the host's texts are English or the plugin has none for the
        language. Call it after the library is loaded (its embedded resources are registered
        then). */
    static std::unique_ptr<PluginTranslator> install(const QString &module,
                                                     const QString &libraryPath);
    /*! Removes the translation from the application; destroy it before the library is
        unloaded (an embedded .qm lives in the library's memory). */
    ~PluginTranslator();

    /*! The .qm file installed (a path or a ":/" resource path). */
    QString filePath() const;

    /*! Where \a module's translations are looked for, in order (folders). */
    static QStringList searchFolders(const QString &module, const QString &libraryPath);

private:
    PluginTranslator() = default;
    std::unique_ptr<QTranslator> m_translator;
};

} // namespace Smollama
