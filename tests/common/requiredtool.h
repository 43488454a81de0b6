// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QTest>
#include <QtGlobal>

// A test that needs a program or module this machine lacks (pymodbus, script(1), ...): on a
// developer's machine it is skipped with the reason; under CI=true it fails, so a CI image that
// lost a tool shows red instead of skipping green. Use it in a test function (it returns).
#define SMOLLAMA_REQUIRE_TOOL(available, reason)                                                   \
    do {                                                                                           \
        if (!(available)) {                                                                        \
            if (qgetenv("CI") == QByteArrayLiteral("true")) {                                      \
                QFAIL(QByteArray(QByteArrayLiteral("CI=true and a tool is missing: ") +            \
                                 QByteArray(reason))                                               \
                          .constData());                                                           \
            }                                                                                      \
            QSKIP(reason);                                                                         \
        }                                                                                          \
    } while (false)
