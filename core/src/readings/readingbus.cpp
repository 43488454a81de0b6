// SPDX-License-Identifier: GPL-3.0-or-later
#include "readingbus.h"

namespace Smollama {

ReadingBus::ReadingBus(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<Smollama::Reading>();
}

ReadingBus::~ReadingBus() = default;

void ReadingBus::publish(const Reading &reading)
{
    if (reading.isValid()) {
        Q_EMIT readingPublished(reading);
    }
}

} // namespace Smollama
