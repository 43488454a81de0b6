// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// smollama.modbus: the modbus plugin and its devices (defined in modbusplugin.cpp).
Q_DECLARE_LOGGING_CATEGORY(lcModbus)
