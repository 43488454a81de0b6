// SPDX-License-Identifier: GPL-3.0-or-later
#include "logformat.h"

#include <QLoggingCategory>
#include <QtGlobal>

#include <unistd.h>

namespace Smollama {

void installLogFormat(bool verbose)
{
    const bool journal = !qEnvironmentVariableIsEmpty("JOURNAL_STREAM") || !isatty(STDERR_FILENO);
    if (journal) {
        qSetMessagePattern(QStringLiteral(
            "%{if-debug}<7>%{endif}%{if-info}<6>%{endif}%{if-warning}<4>%{endif}"
            "%{if-critical}<3>%{endif}%{if-fatal}<2>%{endif}%{category}: %{message}"));
    } else {
        qSetMessagePattern(QStringLiteral("%{time hh:mm:ss.zzz} %{if-debug}debug%{endif}"
                                          "%{if-info}info%{endif}%{if-warning}warning%{endif}"
                                          "%{if-critical}error%{endif}%{if-fatal}fatal%{endif} "
                                          "%{category}: %{message}"));
    }
    QLoggingCategory::setFilterRules(verbose ? QStringLiteral("smollama.*.debug=true")
                                             : QStringLiteral("smollama.*.debug=false\n"
                                                              "smollama.*.info=true"));
}

} // namespace Smollama

namespace Smollama {

void setLogLevel(const QString &level)
{
    const QStringList levels{QStringLiteral("debug"), QStringLiteral("info"),
                             QStringLiteral("warning"), QStringLiteral("error")};
    int from = levels.indexOf(level.toLower());
    if (from < 0) {
        from = 1;
    }
    // Qt's names for the levels; "error" is Qt's "critical".
    const QStringList qtLevels{QStringLiteral("debug"), QStringLiteral("info"),
                               QStringLiteral("warning"), QStringLiteral("critical")};
    QStringList rules;
    for (int i = 0; i < qtLevels.size(); ++i) {
        rules.append(
            QStringLiteral("smollama.*.%1=%2")
                .arg(qtLevels.at(i), i >= from ? QStringLiteral("true") : QStringLiteral("false")));
    }
    QLoggingCategory::setFilterRules(rules.join(QLatin1Char('\n')));
}

} // namespace Smollama
