// Digits and punctuation for the Uyghur keyboard. Uyghur is written with
// Western digits (0-9) and Arabic-script punctuation (، ؛ ؟).

import QtQuick
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components

KeyboardLayout {
    keyWeight: 160
    KeyboardRow {
        Key { text: "1"; key: Qt.Key_1 }
        Key { text: "2"; key: Qt.Key_2 }
        Key { text: "3"; key: Qt.Key_3 }
        Key { text: "4"; key: Qt.Key_4 }
        Key { text: "5"; key: Qt.Key_5 }
        Key { text: "6"; key: Qt.Key_6 }
        Key { text: "7"; key: Qt.Key_7 }
        Key { text: "8"; key: Qt.Key_8 }
        Key { text: "9"; key: Qt.Key_9 }
        Key { text: "0"; key: Qt.Key_0 }
    }
    KeyboardRow {
        Key { text: "-"; key: Qt.Key_Minus }
        Key { text: "/"; key: Qt.Key_Slash }
        Key { text: ":"; key: Qt.Key_Colon }
        Key { text: "؛" }  // U+061B, Arabic semicolon
        Key { text: "("; key: Qt.Key_ParenLeft }
        Key { text: ")"; key: Qt.Key_ParenRight }
        Key { text: "«" }
        Key { text: "»" }
        Key { text: "\""; key: Qt.Key_QuoteDbl }
        Key { text: "@"; key: Qt.Key_At }
    }
    KeyboardRow {
        Key { text: "#"; key: Qt.Key_NumberSign }
        Key { text: "%"; key: Qt.Key_Percent }
        Key { text: "+"; key: Qt.Key_Plus }
        Key { text: "*"; key: Qt.Key_Asterisk }
        Key { text: "!"; key: Qt.Key_Exclam }
        Key { text: "'"; key: Qt.Key_Apostrophe }
        Key { text: "_"; key: Qt.Key_Underscore }
        BackspaceKey { weight: 320 }
    }
    KeyboardRow {
        SymbolModeKey { displayText: "ئەب"; weight: 240 }
        ChangeLanguageKey { weight: 160 }
        Key { text: "،"; key: Qt.Key_Comma }  // U+060C
        SpaceKey { weight: 640 }
        Key { text: "؟"; key: Qt.Key_Question }  // U+061F
        Key { text: "."; key: Qt.Key_Period }
        HideKeyboardKey { weight: 160 }
        EnterKey { weight: 240 }
    }
}
