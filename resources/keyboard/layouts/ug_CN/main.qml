// Uyghur (Arabic script, UEY) for the kiosk's on-screen keyboard.
// Every letter of the alphabet on the first page, no shift level: the hamza
// (ئ) is its own key, typed before a word's first vowel (ئا ئە ئو ئۇ ئۆ ئۈ ئې ئى).
// Rows follow the common Uyghur computer keyboard where they can, so people
// who type on one find letters where they expect them.

import QtQuick
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components

KeyboardLayout {
    inputMode: InputEngine.InputMode.Arabic
    keyWeight: 160
    KeyboardRow {
        Key { text: "چ" }  // U+0686
        Key { text: "ۋ" }  // U+06CB
        Key { text: "ې" }  // U+06D0
        Key { text: "ر" }  // U+0631
        Key { text: "ت" }  // U+062A
        Key { text: "ي" }  // U+064A
        Key { text: "ۇ" }  // U+06C7
        Key { text: "ڭ" }  // U+06AD
        Key { text: "و" }  // U+0648
        Key { text: "پ" }  // U+067E
        Key { text: "خ" }  // U+062E
    }
    KeyboardRow {
        Key { text: "ھ" }  // U+06BE
        Key { text: "س" }  // U+0633
        Key { text: "د" }  // U+062F
        Key { text: "ا" }  // U+0627
        Key { text: "ە" }  // U+06D5
        Key { text: "ى" }  // U+0649
        Key { text: "ق" }  // U+0642
        Key { text: "ك" }  // U+0643
        Key { text: "ل" }  // U+0644
        Key { text: "ف" }  // U+0641
        Key { text: "گ" }  // U+06AF
    }
    KeyboardRow {
        Key { text: "ز" }  // U+0632
        Key { text: "ش" }  // U+0634
        Key { text: "غ" }  // U+063A
        Key { text: "ۈ" }  // U+06C8
        Key { text: "ب" }  // U+0628
        Key { text: "ن" }  // U+0646
        Key { text: "م" }  // U+0645
        Key { text: "ۆ" }  // U+06C6
        Key { text: "ج" }  // U+062C
        Key { text: "ژ" }  // U+0698
        BackspaceKey { weight: 240 }
    }
    KeyboardRow {
        SymbolModeKey { displayText: "123؟"; weight: 240 }
        ChangeLanguageKey { weight: 160 }
        Key { text: "ئ" }  // U+0626, the hamza before an initial vowel
        Key { text: "،"; key: Qt.Key_Comma }  // U+060C
        SpaceKey { weight: 640 }
        Key { text: "؟"; key: Qt.Key_Question }  // U+061F
        Key { text: "."; key: Qt.Key_Period }
        HideKeyboardKey { weight: 160 }
        EnterKey { weight: 240 }
    }
}
