<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ug">
<context>
    <name>AssistedConsentScreen</name>
    <message>
        <source>May the clerk help you?</source>
        <translation>خىزمەتچى سىزگە ياردەملىشىپ تولدۇرسا بولامدۇ؟</translation>
    </message>
    <message>
        <source>First, choose your language:</source>
        <translation>ئاۋۋال تىلىڭىزنى تاللاڭ:</translation>
    </message>
    <message>
        <source>{name} (staff number {staff_id}) offers to fill in this application with you. Do you agree?</source>
        <translation>{name} (خىزمەتچى نومۇرى {staff_id}) بۇ ئىلتىماسنى سىز بىلەن بىرلىكتە تولدۇرماقچى. قوشۇلامسىز؟</translation>
    </message>
    <message>
        <source>The application will record that a clerk helped you, and which clerk. You check every answer before it is sent.</source>
        <translation>ئىلتىماستا خىزمەتچىنىڭ ياردەملەشكەنلىكى ۋە قايسى خىزمەتچى ئىكەنلىكى خاتىرىلىنىدۇ. يوللاشتىن بۇرۇن ھەر بىر جاۋابنى ئۆزىڭىز تەكشۈرىسىز.</translation>
    </message>
    <message>
        <source>No, thank you</source>
        <translation>ياق، رەھمەت</translation>
    </message>
    <message>
        <source>Yes, I agree</source>
        <translation>ھەئە، قوشۇلىمەن</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Hold the QR code of your ID inside the frame</source>
        <translation>كىملىكىڭىزدىكى ئىككى ئۆلچەملىك كودنى رامكا ئىچىگە توغرىلاڭ</translation>
    </message>
    <message>
        <source>Hold the card closer and keep it still, code inside the frame</source>
        <translation>كىملىكنى سەل يېقىنراق تۇتۇپ مىدىرلاتماڭ، كود رامكا ئىچىدە بولسۇن</translation>
    </message>
    <message>
        <source>Avoid glare: tilt the card a little away from the light</source>
        <translation>نۇر قايتىشتىن ساقلىنىڭ: كىملىكنى يورۇقلۇق تەرەپتىن سەل قىيسايتىپ تۇتۇڭ</translation>
    </message>
    <message>
        <source>Code read</source>
        <translation>ئىككى ئۆلچەملىك كود ئوقۇلدى</translation>
    </message>
    <message>
        <source>No camera here: use the hand-held scanner or type the number</source>
        <translation>بۇ ئاپپاراتتا كامېرا يوق: قولدا تۇتىدىغان سكانېرنى ئىشلىتىڭ ياكى نومۇرنى كىرگۈزۈڭ</translation>
    </message>
</context>
<context>
    <name>CapacityWatch</name>
    <message>
        <source>This kiosk cannot take new applications just now because its storage is almost full. Please ask the clerk for help.</source>
        <translation>بۇ ئۈسكۈنىنىڭ ساقلاش بوشلۇقى تولاي دەپ قالدى، ھازىرچە يېڭى ئىلتىماس قوبۇل قىلالمايدۇ. خىزمەتچىدىن ياردەم سوراڭ.</translation>
    </message>
    <message>
        <source>Disk almost full ({free} MB free): new applications are refused. Sync or export to USB, then call support.</source>
        <translation>دىسكا تولاي دەپ قالدى ({free} MB بوش): يېڭى ئىلتىماس قوبۇل قىلىنمايدۇ. ئاۋۋال ماسقەدەملەڭ ياكى USB غا چىقىرىڭ، ئاندىن تېخنىكىلىق ياردەمگە ئۇلىنىڭ.</translation>
    </message>
    <message>
        <source>Disk space is running low ({free} MB free). Please call support soon.</source>
        <translation>دىسكا بوشلۇقى ئازلاپ قالدى ({free} MB بوش). تېزدىن تېخنىكىلىق ياردەمگە ئۇلىنىڭ.</translation>
    </message>
    <message>
        <source>No successful sync for a long time. Check the link, or export to USB.</source>
        <translation>خېلى ئۇزۇندىن بېرى ماسقەدەملەش مۇۋەپپەقىيەتلىك بولمىدى. تورنى تەكشۈرۈڭ ياكى USB غا چىقىرىڭ.</translation>
    </message>
</context>
<context>
    <name>CarriedScreen</name>
    <message>
        <source>Is this still right?</source>
        <translation>بۇ ئۇچۇرلار يەنىلا توغرىمۇ؟</translation>
    </message>
    <message>
        <source>You already told us this today. If something has changed, tap it: you will be asked it again.</source>
        <translation>بۇلارنى بۈگۈن ئاللىقاچان ئېيتىپ بەرگەن. ئۆزگىرىش بولسا، شۇنى بېسىڭ: ئۇ سىزدىن قايتا سورىلىدۇ.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قايتىش</translation>
    </message>
    <message>
        <source>Yes, this is right</source>
        <translation>ھەئە، توغرا</translation>
    </message>
    <message>
        <source>You will be asked this again.</source>
        <translation>بۇ سىزدىن قايتا سورىلىدۇ.</translation>
    </message>
</context>
<context>
    <name>CheckByIdScreen</name>
    <message>
        <source>Check with your ID card</source>
        <translation>كىملىك بىلەن سۈرۈشتۈرۈش</translation>
    </message>
    <message>
        <source>Lost your receipt? Enter your ID number and birth date</source>
        <translation>تالونىڭىز يوقاپ كەتتىمۇ؟ كىملىك نومۇرىڭىز بىلەن تۇغۇلغان ۋاقتىڭىزنى كىرگۈزۈڭ</translation>
    </message>
    <message>
        <source>ID number (18 characters)</source>
        <translation>كىملىك نومۇرى (18 خانە)</translation>
    </message>
    <message>
        <source>Date of birth: year, month, day, e.g. {example}</source>
        <translation>تۇغۇلغان ۋاقتى: يىل، ئاي، كۈن، مەسىلەن {example}</translation>
    </message>
    <message>
        <source>Or hold the QR code of your ID card to the scanner</source>
        <translation>ياكى كىملىكىڭىزدىكى ئىككى ئۆلچەملىك كودنى سكانېرغا توغرىلاڭ</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قايتىش</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>سۈرۈشتۈرۈش</translation>
    </message>
    <message>
        <source>This is not a valid ID number. It has 18 characters; only the last may be X.</source>
        <translation>بۇ ئىناۋەتلىك كىملىك نومۇرى ئەمەس. كىملىك نومۇرى 18 خانە بولۇپ، پەقەت ئاخىرقى خانىسىلا X بولالايدۇ.</translation>
    </message>
    <message>
        <source>This date of birth is not possible. Please enter year, month and day, e.g. {example}.</source>
        <translation>بۇ تۇغۇلغان ۋاقىت توغرا ئەمەس. يىل، ئاي، كۈن تەرتىپىدە كىرگۈزۈڭ، مەسىلەن {example}.</translation>
    </message>
    <message>
        <source>{service}, {number}: {status} ({date})</source>
        <translation>{service}، {number}: {status} ({date})</translation>
    </message>
    <message>
        <source>No application was found for this ID number and date of birth. Please check both, or ask the staff.</source>
        <translation>بۇ كىملىك نومۇرى ۋە تۇغۇلغان ۋاقىتقا ئائىت ئىلتىماس تېپىلمىدى. ئىككىلىسىنى تەكشۈرۈڭ ياكى خىزمەتچىدىن سوراڭ.</translation>
    </message>
    <message>
        <source>The applications made at this kiosk cannot be searched just now.</source>
        <translation>بۇ ئاپپاراتتا قىلىنغان ئىلتىماسلارنى ھازىرچە سۈرۈشتۈرگىلى بولمايدۇ.</translation>
    </message>
    <message>
        <source>The county office could not be reached just now: only applications made at this kiosk are shown, with the last status it knows.</source>
        <translation>ھازىرچە ناھىيە بىلەن ئالاقىلىشالمىدى: پەقەت بۇ ئاپپاراتتا قىلىنغان ئىلتىماسلار ۋە ئۇنىڭ بىلىدىغان ئەڭ يېڭى ھالىتى كۆرسىتىلدى.</translation>
    </message>
</context>
<context>
    <name>CheckStatusScreen</name>
    <message>
        <source>Check my application</source>
        <translation>ئىلتىماسىمنى سۈرۈشتۈرۈش</translation>
    </message>
    <message>
        <source>Enter the tracking number on your receipt</source>
        <translation>تالونىڭىزدىكى قوبۇل قىلىش نومۇرىنى كىرگۈزۈڭ</translation>
    </message>
    <message>
        <source>For example DEMO01-261127-0042-K</source>
        <translation>مەسىلەن: DEMO01-261127-0042-K</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قايتىش</translation>
    </message>
    <message>
        <source>No receipt? Use your ID card</source>
        <translation>تالون يوقمۇ؟ كىملىك بىلەن سۈرۈشتۈرۈڭ</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>سۈرۈشتۈرۈش</translation>
    </message>
    <message>
        <source>Waiting to be sent to the county office</source>
        <translation>ناھىيەگە يوللىنىشنى كۈتۈۋاتىدۇ</translation>
    </message>
    <message>
        <source>{service}: {status}</source>
        <translation>{service} ئەھۋالى: {status}</translation>
    </message>
    <message>
        <source>Reason: {note}</source>
        <translation>سەۋەبى: {note}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>ئىزاھات: {note}</translation>
    </message>
    <message>
        <source>Updated {date}</source>
        <translation>يېڭىلانغان ۋاقتى: {date}</translation>
    </message>
    <message>
        <source>Received by the county office</source>
        <translation>ناھىيە تاپشۇرۇۋالدى</translation>
    </message>
    <message>
        <source>Being reviewed</source>
        <translation>تەكشۈرۈلۈۋاتىدۇ</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>تەستىقلاندى</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>تەستىقلانمىدى</translation>
    </message>
    <message>
        <source>More documents are needed</source>
        <translation>ماتېرىيال تولۇقلاش كېرەك</translation>
    </message>
</context>
<context>
    <name>ClerkFlow</name>
    <message>
        <source>A form file was refused: {problem}</source>
        <translation>بىر جەدۋەل ھۆججىتىنى يۈكلىگىلى بولمىدى: {problem}</translation>
    </message>
    <message>
        <source>The kiosk&apos;s database was damaged and has been set aside as {path}. A new one was started. Please call support; do not delete the file.</source>
        <translation>بۇ ئاپپاراتنىڭ ساندانى بۇزۇلغان، ئۇ مۇنۇ نامدا ئايرىم ساقلاندى: {path}. يېڭى ساندان قۇرۇلدى. تېخنىكىلىق ياردەم بىلەن ئالاقىلىشىڭ، بۇ ھۆججەتنى ئۆچۈرمەڭ.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: this account is locked until {time}. A supervisor can unlock it sooner.</source>
        <translation>PIN كۆپ قېتىم خاتا كىرگۈزۈلدى: بۇ ھېسابات {time} گىچە قۇلۇپلاندى. نازارەتچى ئۇنى بالدۇرراق ئاچالايدۇ.</translation>
    </message>
    <message>
        <source>This account is disabled. Please ask your supervisor.</source>
        <translation>بۇ ھېسابات توختىتىلغان. نازارەتچىڭىزدىن سوراڭ.</translation>
    </message>
    <message>
        <source>That staff number or PIN is not right.</source>
        <translation>خىزمەتچى نومۇرى ياكى PIN توغرا ئەمەس.</translation>
    </message>
    <message>
        <source>This kiosk is not set up yet: it has no staff accounts. An administrator adds the first one at the kiosk&apos;s terminal with: kiosk staff add --role administrator</source>
        <translation>بۇ ئاپپارات تېخى تەڭشەلمىدى: خىزمەتچى ھېساباتى يوق. باشقۇرغۇچى بىرىنچى ھېساباتنى ئاپپاراتنىڭ تېرمىنالىدا مۇنداق قوشىدۇ: kiosk staff add --role administrator</translation>
    </message>
    <message>
        <source>The central platform could not be reached. The kiosk keeps trying by itself.</source>
        <translation>مەركىزىي سۇپىغا ئۇلانغىلى بولمىدى. ئاپپارات ئۆزلۈكىدىن داۋاملىق سىنايدۇ.</translation>
    </message>
    <message>
        <source>Sync done: {sent} sent, {waiting} still waiting to be sent.</source>
        <translation>قەدەمداشلاش تامام: {sent} پارچە يوللاندى، يەنە {waiting} پارچە يوللىنىشنى كۈتۈۋاتىدۇ.</translation>
    </message>
    <message>
        <source>No application with this tracking number is on this kiosk.</source>
        <translation>بۇ ئاپپاراتتا بۇ قوبۇل قىلىش نومۇرىدىكى ئىلتىماس يوق.</translation>
    </message>
</context>
<context>
    <name>ClerkHomeScreen</name>
    <message>
        <source>clerk</source>
        <translation>خىزمەتچى</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>نازارەتچى</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>باشقۇرغۇچى</translation>
    </message>
    <message>
        <source>Syncing now…</source>
        <translation>قەدەمداشلاۋاتىدۇ…</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>خىزمەتچى</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>ھازىرلا قەدەمداشلاش</translation>
    </message>
    <message>
        <source>Unlock the kiosk</source>
        <translation>ئاپپاراتنى قۇلۇپتىن ئېچىش</translation>
    </message>
    <message>
        <source>Recovery passphrase</source>
        <translation>ئەسلىگە كەلتۈرۈش ئىم سۆزى</translation>
    </message>
    <message>
        <source>Applications waiting to be sent: {count}</source>
        <translation>يوللىنىشنى كۈتۈۋاتقان ئىلتىماسلار: {count} پارچە</translation>
    </message>
    <message>
        <source>Unfinished applications (tap one to resume it):</source>
        <translation>تولدۇرۇلۇپ تۈگىمىگەن ئىلتىماسلار (داۋاملىق تولدۇرۇش ئۈچۈن بىرنى بېسىڭ):</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>ستاتىستىكا</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>تىزىمدىن چىقىش</translation>
    </message>
    <message>
        <source>Switch staff</source>
        <translation>خىزمەتچى ئالماشتۇرۇش</translation>
    </message>
    <message>
        <source>Fill in for an applicant</source>
        <translation>ئىلتىماسچىغا ياردەملىشىپ تولدۇرۇش</translation>
    </message>
    <message>
        <source>Correct application</source>
        <translation>ئىلتىماسنى تۈزىتىش</translation>
    </message>
    <message>
        <source>Tracking number of an application not yet sent</source>
        <translation>تېخى يوللانمىغان ئىلتىماسنىڭ قوبۇل قىلىش نومۇرى</translation>
    </message>
    <message>
        <source>Export to USB</source>
        <translation>USB غا چىقىرىش</translation>
    </message>
    <message>
        <source>Enrol this kiosk</source>
        <translation>بۇ ئاپپاراتنى تىزىملاش</translation>
    </message>
    <message>
        <source>Signed in: {name} ({staff_id}), {role}</source>
        <translation>كىرگەن: {name} ({staff_id})، {role}</translation>
    </message>
    <message>
        <source>Unlock {name} ({staff_id})</source>
        <translation>{name} ({staff_id}) نى قۇلۇپتىن ئېچىش</translation>
    </message>
    <message>
        <source>No unfinished applications.</source>
        <translation>تاماملانمىغان ئىلتىماس يوق.</translation>
    </message>
    <message>
        <source>I am with them: clear the call</source>
        <translation>مەن يېنىدا: چاقىرىقنى ئۆچۈرۈش</translation>
    </message>
    <message>
        <source>Print the receipts waiting for the printer</source>
        <translation>پرىنتېرنى كۈتۈۋاتقان تالونلارنى بېسىش</translation>
    </message>
    <message>
        <source>Print a copy of an earlier receipt</source>
        <translation>بۇرۇنقى تالوننىڭ نۇسخىسىنى بېسىش</translation>
    </message>
    <message>
        <source>Tracking number of the receipt to copy</source>
        <translation>نۇسخىسى بېسىلىدىغان تالوننىڭ قوبۇل قىلىش نومۇرى</translation>
    </message>
    <message>
        <source>Quit the kiosk program</source>
        <translation>ئاپپارات پروگراممىسىدىن چېكىنىش</translation>
    </message>
    <message>
        <source>name not given yet</source>
        <translation>ئىسىم تېخى بېرىلمىگەن</translation>
    </message>
    <message>
        <source>{whose} — {service} — {answered} answers — {updated}</source>
        <translation>{whose} — {service} — {answered} سوئالغا جاۋاب بېرىلگەن — {updated}</translation>
    </message>
</context>
<context>
    <name>ClerkPinScreen</name>
    <message>
        <source>Quit the kiosk: enter your PIN again</source>
        <translation>ئاپپارات پروگراممىسىدىن چېكىنىش: PIN ىڭىزنى قايتا كىرگۈزۈڭ</translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>خىزمەتچى كىرىشى</translation>
    </message>
    <message>
        <source>Your staff number</source>
        <translation>خىزمەتچى نومۇرىڭىز</translation>
    </message>
    <message>
        <source>Your PIN</source>
        <translation>PIN ىڭىز</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قايتىش</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>كىرىش</translation>
    </message>
</context>
<context>
    <name>ConfirmationScreen</name>
    <message>
        <source>Application submitted</source>
        <translation>ئىلتىماس يوللاندى</translation>
    </message>
    <message>
        <source>Your application is saved on this kiosk and will be sent to the county office.</source>
        <translation>ئىلتىماسىڭىز بۇ ئاپپاراتتا ساقلاندى، ناھىيەگە يوللىنىپ بېجىرىلىدۇ.</translation>
    </message>
    <message>
        <source>Your tracking number. Keep it to check your application:</source>
        <translation>بۇ سىزنىڭ قوبۇل قىلىش نومۇرىڭىز، كېيىن سۈرۈشتۈرۈش ئۈچۈن ساقلاپ قويۇڭ:</translation>
    </message>
    <message>
        <source>Please bring these documents to the service centre:</source>
        <translation>تۆۋەندىكى ماتېرىياللارنى ئېلىپ مۇلازىمەت مەركىزىگە كېلىڭ:</translation>
    </message>
    <message>
        <source>You can also apply for these now, without giving your details again:</source>
        <translation>تۆۋەندىكى مۇلازىمەتلەرگىمۇ ھازىر ئىلتىماس قىلالايسىز، ئۇچۇرلىرىڭىزنى قايتا تولدۇرۇشىڭىز ھاجەتسىز:</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>تامام</translation>
    </message>
    <message>
        <source>Complaint or suggestion</source>
        <translation>ئەرز ياكى تەكلىپ</translation>
    </message>
    <message>
        <source>How was your visit today? Tap one:</source>
        <translation>بۈگۈنكى ئىش بېجىرىشتىن رازىمۇ؟ بىرنى بېسىڭ:</translation>
    </message>
    <message>
        <source>1 Very bad</source>
        <translation>1 بەك ناچار</translation>
    </message>
    <message>
        <source>2 Bad</source>
        <translation>2 ناچار</translation>
    </message>
    <message>
        <source>3 Fair</source>
        <translation>3 بولىدۇ</translation>
    </message>
    <message>
        <source>4 Good</source>
        <translation>4 ياخشى</translation>
    </message>
    <message>
        <source>5 Very good</source>
        <translation>5 بەك ياخشى</translation>
    </message>
    <message>
        <source>Also applied for today:</source>
        <translation>بۈگۈن يەنە ئىلتىماس قىلغانلىرىڭىز:</translation>
    </message>
    <message>
        <source>This screen returns to the start in {seconds} seconds.</source>
        <translation>{seconds} سېكۇنتتىن كېيىن باش بەتكە قايتىدۇ.</translation>
    </message>
    <message>
        <source>Thank you for your rating.</source>
        <translation>باھالىغىنىڭىزغا رەھمەت.</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Never synced</source>
        <translation>تېخى قەدەمداشلانمىغان</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>تورغا ئۇلانغان</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>تورغا ئۇلانمىغان</translation>
    </message>
    <message>
        <source>Last sync {time}</source>
        <translation>ئاخىرقى قېتىم قەدەمداشلانغان ۋاقىت: {time}</translation>
    </message>
    <message>
        <source>{count} waiting to be sent</source>
        <translation>{count} پارچە يوللىنىشنى كۈتۈۋاتىدۇ</translation>
    </message>
    <message>
        <source>Waiting: {reason}</source>
        <translation>كۈتۈش سەۋەبى: {reason}</translation>
    </message>
</context>
<context>
    <name>DashboardFlow</name>
    <message>
        <source>not known yet</source>
        <translation>تېخى ئېنىق ئەمەس</translation>
    </message>
    <message>
        <source>The figures could not be written: {reason}</source>
        <translation>ستاتىستىكا يېزىلمىدى: {reason}</translation>
    </message>
    <message>
        <source>Figures written to {path}</source>
        <translation>ستاتىستىكا {path} غا يېزىلدى</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>ئۇلانغان</translation>
    </message>
    <message>
        <source>none (scanner and keypad only)</source>
        <translation>يوق (پەقەت سكانېر ۋە رەقەم كۇنۇپكىسى)</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Today and this month</source>
        <translation>بۈگۈن ۋە بۇ ئاي</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قايتىش</translation>
    </message>
    <message>
        <source>Export figures (CSV)</source>
        <translation>ستاتىستىكىنى چىقىرىش (CSV)</translation>
    </message>
    <message>
        <source>Waiting to be sent: {count}</source>
        <translation>يوللىنىشنى ساقلاۋاتقىنى: {count}</translation>
    </message>
    <message>
        <source>Unfinished applications: {count}</source>
        <translation>تاماملانمىغان ئىلتىماسلار: {count}</translation>
    </message>
    <message>
        <source>Printer: {state}</source>
        <translation>پرىنتېر: {state}</translation>
    </message>
    <message>
        <source>Camera: {state}</source>
        <translation>كامېرا: {state}</translation>
    </message>
    <message>
        <source>Disk: {free} MB free; database {size} MB</source>
        <translation>دىسكا: {free} MB بوش؛ سانلىق مەلۇمات ئامبىرى {size} MB</translation>
    </message>
    <message>
        <source>Oldest not yet sent: {time}</source>
        <translation>ئەڭ بۇرۇنقى يوللانمىغىنى: {time}</translation>
    </message>
    <message>
        <source>This month, day by day</source>
        <translation>بۇ ئاي، كۈن بويىچە</translation>
    </message>
    <message>
        <source>Self-service</source>
        <translation>ئۆزى بېجىرگەن</translation>
    </message>
    <message>
        <source>Assisted</source>
        <translation>ياردەم بىلەن</translation>
    </message>
    <message>
        <source>Today: {total} applications ({assisted} assisted)</source>
        <translation>بۈگۈن: {total} ئىلتىماس ({assisted} ياردەم بىلەن)</translation>
    </message>
    <message>
        <source>This month: {total} applications ({assisted} assisted)</source>
        <translation>بۇ ئاي: {total} ئىلتىماس ({assisted} ياردەم بىلەن)</translation>
    </message>
    <message>
        <source>{service}: {total} ({assisted} assisted)</source>
        <translation>{service}: {total} ({assisted} ياردەم بىلەن)</translation>
    </message>
</context>
<context>
    <name>DocumentPhotoView</name>
    <message>
        <source>Take photo</source>
        <translation>سۈرەت تارتىش</translation>
    </message>
    <message>
        <source>Keep this photo</source>
        <translation>بۇ سۈرەتنى ساقلاش</translation>
    </message>
    <message>
        <source>Take again</source>
        <translation>قايتا تارتىش</translation>
    </message>
    <message>
        <source>Lay the document flat under the camera so that it fills the dashed frame, then tap Take photo.</source>
        <translation>گۇۋاھنامىنى كامېرا ئاستىغا تۈز قويۇپ، چېكىتلىك رامكىنى تولدۇرسۇن، ئاندىن «سۈرەت تارتىش» نى بېسىڭ.</translation>
    </message>
    <message>
        <source>Can you read every line of the document in the photo? If yes, tap Keep this photo; if not, tap Take again.</source>
        <translation>سۈرەتتىكى گۇۋاھنامىنىڭ ھەر بىر قۇرىنى ئوقۇغىلى بولامدۇ؟ بولسا «بۇ سۈرەتنى ساقلاش» نى، بولمىسا «قايتا تارتىش» نى بېسىڭ.</translation>
    </message>
    <message>
        <source>The photo is kept. Tap Take again to replace it.</source>
        <translation>سۈرەت ساقلاندى. ئالماشتۇرماقچى بولسىڭىز «قايتا تارتىش» نى بېسىڭ.</translation>
    </message>
    <message>
        <source>This kiosk has no camera working. Tap Next and show the document to the clerk.</source>
        <translation>بۇ ئاپتوماتىك ماشىنىنىڭ كامېراسى ئىشلىمەيدۇ. «كېيىنكى» نى بېسىپ، گۇۋاھنامىنى خىزمەتچىگە كۆرسىتىڭ.</translation>
    </message>
    <message>
        <source>The photo is too dark to read. Move the document into the light and take it again.</source>
        <translation>سۈرەت بەك قاراڭغۇ، ئوقۇغىلى بولمايدۇ. گۇۋاھنامىنى يورۇقراق يەرگە يۆتكەپ قايتا تارتىڭ.</translation>
    </message>
    <message>
        <source>The photo is blurred. Hold the document still, a little further from the camera, and take it again.</source>
        <translation>سۈرەت غۇۋا. گۇۋاھنامىنى مىدىرلاتماي، كامېرادىن سەل يىراقراق تۇتۇپ قايتا تارتىڭ.</translation>
    </message>
    <message>
        <source>No document can be seen in the frame. Lay the open page inside the dashed frame and take it again.</source>
        <translation>رامكا ئىچىدە گۇۋاھنامە كۆرۈنمىدى. ئېچىلغان بەتنى چېكىتلىك رامكا ئىچىگە قويۇپ قايتا تارتىڭ.</translation>
    </message>
    <message>
        <source>The photo could not be made small enough. Please take it again.</source>
        <translation>سۈرەتنى بەلگىلەنگەن چوڭلۇققا كىچىكلەتكىلى بولمىدى. قايتا تارتىڭ.</translation>
    </message>
    <message>
        <source>The camera gave no usable picture. Please take it again.</source>
        <translation>كامېرا ئىشلەتكىلى بولىدىغان سۈرەت بەرمىدى. قايتا تارتىڭ.</translation>
    </message>
</context>
<context>
    <name>Editors</name>
    <message>
        <source>Keyboard (Pinyin)</source>
        <translation>كۇنۇپكا تاختىسى (پىنيىن)</translation>
    </message>
    <message>
        <source>Write by hand</source>
        <translation>قولدا يېزىش</translation>
    </message>
    <message>
        <source>Year, month, day. For example 1956-03-12</source>
        <translation>يىل، ئاي، كۈن تەرتىپى بويىچە يېزىڭ، مەسىلەن: ⁦1956-03-12⁩</translation>
    </message>
    <message>
        <source>Choose all that apply.</source>
        <translation>ماس كېلىدىغانلىرىنىڭ ھەممىسىنى تاللاڭ.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>ھەئە</translation>
    </message>
    <message>
        <source>No</source>
        <translation>ياق</translation>
    </message>
    <message>
        <source>I agree</source>
        <translation>قوشۇلىمەن</translation>
    </message>
    <message>
        <source>Address complete. Tap a place above to change it.</source>
        <translation>ئادرېس تاللاندى. ئۆزگەرتمەكچى بولسىڭىز، يۇقىرىدىكى جاي نامىنى بېسىڭ.</translation>
    </message>
    <message>
        <source>Choose one:</source>
        <translation>تاللاڭ:</translation>
    </message>
</context>
<context>
    <name>EnrolmentScreen</name>
    <message>
        <source>This address is not secure: use an address starting with https:// (plain http:// is allowed only to this computer).</source>
        <translation>بۇ ئادرېس بىخەتەر ئەمەس: https:// بىلەن باشلانغان ئادرېسنى ئىشلىتىڭ (ئاددىي http:// پەقەت مۇشۇ كومپيۇتېرغىلا رۇخسەت).</translation>
    </message>
    <message>
        <source>This is not a web address. It starts with https://, for example https://central.example.org</source>
        <translation>بۇ تور ئادرېسى ئەمەس. تور ئادرېسى https:// بىلەن باشلىنىدۇ، مەسىلەن https://central.example.org</translation>
    </message>
    <message>
        <source>No central platform answers at this address. Check the address shown on the console.</source>
        <translation>بۇ ئادرېستا مەركىزىي سۇپا جاۋاب بەرمىدى. باشقۇرۇش سۇپىسىدا كۆرسىتىلگەن ئادرېسنى تەكشۈرۈڭ.</translation>
    </message>
    <message>
        <source>This is not an enrolment code. Scan the enrolment QR code the console shows, or type its code (8 or more letters and digits).</source>
        <translation>بۇ تىزىملاش كودى ئەمەس. باشقۇرۇش سۇپىسى كۆرسەتكەن تىزىملاش QR كودىنى سىكانىرلاڭ ياكى كودىنى كىرگۈزۈڭ (8 ياكى ئۇنىڭدىن كۆپ ھەرپ ۋە رەقەم).</translation>
    </message>
    <message>
        <source>The central platform does not accept this code: it is unknown, already used or expired. Make a new code on the console.</source>
        <translation>مەركىزىي سۇپا بۇ كودنى قوبۇل قىلمىدى: ئۇ نامەلۇم، ئىشلىتىلىپ بولغان ياكى ۋاقتى ئۆتكەن. باشقۇرۇش سۇپىسىدا يېڭى كود ھاسىل قىلىڭ.</translation>
    </message>
    <message>
        <source>This kiosk has been revoked on the central platform and cannot be enrolled. Ask the central office.</source>
        <translation>بۇ ئاپپارات مەركىزىي سۇپىدا بىكار قىلىنغان، تىزىملىغىلى بولمايدۇ. مەركىزىي ئىشخانىدىن سوراڭ.</translation>
    </message>
    <message>
        <source>The central platform is not set up yet: its administrator must first make its signing key (kiosk-central generate-key). Then try again.</source>
        <translation>مەركىزىي سۇپا تېخى تەڭشەلمىدى: باشقۇرغۇچىسى ئاۋۋال ئىمزا ئاچقۇچىنى ھاسىل قىلىشى كېرەك (kiosk-central generate-key). ئاندىن قايتا سىناڭ.</translation>
    </message>
    <message>
        <source>The central platform cannot be reached. Check the network cable or Wi-Fi, then try again.</source>
        <translation>مەركىزىي سۇپىغا ئۇلانغىلى بولمىدى. تور سىمى ياكى Wi-Fi نى تەكشۈرۈپ، قايتا سىناڭ.</translation>
    </message>
    <message>
        <source>The central platform&apos;s certificate is not trusted. Choose its certificate file (CA) from a USB stick, then try again.</source>
        <translation>مەركىزىي سۇپىنىڭ گۇۋاھنامىسىگە ئىشەنچ قىلىنمىدى. USB دىسكىدىن ئۇنىڭ گۇۋاھنامە ھۆججىتىنى (CA) تاللاپ، قايتا سىناڭ.</translation>
    </message>
    <message>
        <source>The chosen file is not a certificate file (PEM). Choose another one.</source>
        <translation>تاللانغان ھۆججەت گۇۋاھنامە ھۆججىتى (PEM) ئەمەس. باشقىسىنى تاللاڭ.</translation>
    </message>
    <message>
        <source>The kiosk is enrolled, but its settings could not be saved. Tell support.</source>
        <translation>ئاپپارات تىزىملاندى، لېكىن تەڭشەكلىرى ساقلانمىدى. تېخنىكىلىق ياردەمگە خەۋەر قىلىڭ.</translation>
    </message>
    <message>
        <source>Enrol this kiosk</source>
        <translation>بۇ ئاپپاراتنى تىزىملاش</translation>
    </message>
    <message>
        <source>On the console, show this kiosk&apos;s enrolment QR code. Hold it to the camera or the scanner, or type its code.</source>
        <translation>باشقۇرۇش سۇپىسىدىكى تىزىملاش QR كودىنى كامېرا ياكى سىكانىرغا تۇتۇڭ ياكى كودنى كىرگۈزۈڭ.</translation>
    </message>
    <message>
        <source>Central platform address</source>
        <translation>مەركىزىي سۇپا ئادرېسى</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>تىزىملاش كودى</translation>
    </message>
    <message>
        <source>Certificate authority (CA)</source>
        <translation>گۇۋاھنامە تارقاتقۇچى (CA)</translation>
    </message>
    <message>
        <source>The computer&apos;s own list (most platforms)</source>
        <translation>كومپيۇتېرنىڭ ئۆز تىزىملىكى</translation>
    </message>
    <message>
        <source>Look for certificate files on a USB stick</source>
        <translation>USB دىسكىدىن گۇۋاھنامە ھۆججىتى ئىزدەش</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قايتىش</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>تىزىملاش</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>تامام</translation>
    </message>
    <message>
        <source>Code read. Check the address, then tap Enrol.</source>
        <translation>كود ئوقۇلدى. ئادرېسنى تەكشۈرۈپ، «تىزىملاش» نى بېسىڭ.</translation>
    </message>
    <message>
        <source>Enrolling… this can take a minute.</source>
        <translation>تىزىملىنىۋاتىدۇ… بىر مىنۇتچە ۋاقىت كېتىشى مۇمكىن.</translation>
    </message>
    <message>
        <source>Enrolled as kiosk {code}. The kiosk now sends applications to the central platform and receives form updates.</source>
        <translation>{code} نومۇرلۇق ئاپپارات سۈپىتىدە تىزىملاندى. ئاپپارات ئەمدى ئىلتىماسلارنى مەركىزىي سۇپىغا يوللايدۇ ۋە جەدۋەل يېڭىلانمىلىرىنى تاپشۇرۇۋالىدۇ.</translation>
    </message>
</context>
<context>
    <name>FacePhotoPanel</name>
    <message>
        <source>For the clerk: the photo stored in this verified ID. Compare it with the person applying, then tap Continue.</source>
        <translation>خىزمەتچى ئۈچۈن: بۇ دەلىللەنگەن كىملىكتە ساقلانغان سۈرەت. ئۇنى ئىلتىماس قىلغۇچى بىلەن سېلىشتۇرۇپ، ئاندىن «داۋاملاشتۇرۇش» نى بېسىڭ.</translation>
    </message>
    <message>
        <source>For the clerk: this verified ID carries a photo in a format this kiosk cannot show. Tap Continue.</source>
        <translation>خىزمەتچى ئۈچۈن: بۇ دەلىللەنگەن كىملىكتىكى سۈرەتنىڭ فورماتىنى بۇ ئاپپارات كۆرسىتەلمەيدۇ. «داۋاملاشتۇرۇش» نى بېسىڭ.</translation>
    </message>
</context>
<context>
    <name>FeedbackFlow</name>
    <message>
        <source>Choose what it is about, or write a few words.</source>
        <translation>نېمە توغرىسىدا ئىكەنلىكىنى تاللاڭ ياكى بىر نەچچە ئېغىز يېزىڭ.</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <source>Complaint or suggestion</source>
        <translation>ئەرز ياكى تەكلىپ</translation>
    </message>
    <message>
        <source>What is it about?</source>
        <translation>نېمە توغرىسىدا؟</translation>
    </message>
    <message>
        <source>Waiting time</source>
        <translation>ساقلاش ۋاقتى</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>خىزمەتچىلەر</translation>
    </message>
    <message>
        <source>Using this kiosk</source>
        <translation>بۇ ئۈسكۈنىنى ئىشلىتىش</translation>
    </message>
    <message>
        <source>The rules of a service</source>
        <translation>ئىش بېجىرىش بەلگىلىمىسى</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>باشقا</translation>
    </message>
    <message>
        <source>Tell us in a few words:</source>
        <translation>بىر نەچچە ئېغىز يېزىڭ:</translation>
    </message>
    <message>
        <source>I would like an answer: leave my name or phone</source>
        <translation>جاۋاب ئالماقچىمەن: ئىسمىم ياكى تېلېفونۇمنى قالدۇرىمەن</translation>
    </message>
    <message>
        <source>Name or phone number</source>
        <translation>ئىسىم ياكى تېلېفون نومۇرى</translation>
    </message>
    <message>
        <source>Your complaint or suggestion is anonymous unless you leave your name or phone.</source>
        <translation>ئىسمىڭىز ياكى تېلېفونىڭىزنى قالدۇرمىسىڭىز، ئەرز ياكى تەكلىپىڭىز نامسىز بولىدۇ.</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>ئاتلاش</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>يوللاش</translation>
    </message>
</context>
<context>
    <name>Flow</name>
    <message>
        <source>One moment, please, then try again.</source>
        <translation>سەل ساقلاپ، قايتا بېسىڭ.</translation>
    </message>
    <message>
        <source>No application with this number was made at this kiosk. Please check the number on your receipt.</source>
        <translation>بۇ ئاپپاراتتا بۇ نومۇرلۇق ئىلتىماس يوق. تالونىڭىزدىكى نومۇرنى تەكشۈرۈپ بېقىڭ.</translation>
    </message>
</context>
<context>
    <name>GuideCard</name>
    <message>
        <source>How to use this kiosk</source>
        <translation>بۇ ئاپپاراتنى ئىشلىتىش ئۇسۇلى</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>باشلاش</translation>
    </message>
    <message>
        <source>Tap your language, then the service you need. “{larger}” makes the text bigger and reads it aloud.</source>
        <translation>«ئۇيغۇرچە» نى بېسىڭ، ئاندىن بېجىرمەكچى بولغان ئىشىڭىزنى تاللاڭ. «{larger}» نى باسسىڭىز، خەت چوڭىيىدۇ ۋە ئوقۇپ بېرىلىدۇ.</translation>
    </message>
    <message>
        <source>Scan your ID card</source>
        <translation>كىملىكىڭىزنى سكانېرلاڭ</translation>
    </message>
    <message>
        <source>Hold the QR code on your ID card up to the camera, or type the ID number on the keypad. Then tap “{continue}”.</source>
        <translation>كىملىكىڭىزدىكى ئىككى ئۆلچەملىك كودنى كامېراغا توغرىلاڭ ياكى كىملىك نومۇرىنى كۇنۇپكىلاردا كىرگۈزۈڭ، ئاندىن «{continue}» نى بېسىڭ.</translation>
    </message>
    <message>
        <source>Answer the questions</source>
        <translation>سوئاللارغا جاۋاب بېرىڭ</translation>
    </message>
    <message>
        <source>One question on each screen: answer it and tap “{next}”. Check your answers, tap “{submit}” and take your receipt: it carries your tracking number.</source>
        <translation>ھەر بىر بەتتە بىر سوئال بار: جاۋاب بېرىپ «{next}» نى بېسىڭ. ئاخىرىدا جاۋابلىرىڭىزنى تەكشۈرۈپ «{submit}» نى بېسىڭ ۋە تالوننى ئېلىڭ، ئۇنىڭدا قوبۇل قىلىش نومۇرىڭىز بار.</translation>
    </message>
    <message>
        <source>Check your application later</source>
        <translation>ئىلتىماسىڭىزنى كېيىن سۈرۈشتۈرۈڭ</translation>
    </message>
    <message>
        <source>Come back to this kiosk and tap “{check}”. Scan the QR code on your receipt, or type the tracking number.</source>
        <translation>بۇ ئاپپاراتقا قايتا كېلىپ «{check}» نى بېسىڭ، ئاندىن تالوندىكى ئىككى ئۆلچەملىك كودنى سكانېرلاڭ ياكى قوبۇل قىلىش نومۇرىنى كىرگۈزۈڭ.</translation>
    </message>
    <message>
        <source>Need help? Ask the clerk</source>
        <translation>ياردەم كېرەكمۇ؟ خىزمەتچىدىن سوراڭ</translation>
    </message>
    <message>
        <source>The clerk sits at the service counter of this centre and, if you agree, fills in the application together with you.</source>
        <translation>خىزمەتچى بۇ مەركەزنىڭ مۇلازىمەت كۆزنىكىدە. سىز قوشۇلسىڭىز، خىزمەتچى ئىلتىماسنى سىز بىلەن بىرلىكتە تولدۇرىدۇ.</translation>
    </message>
</context>
<context>
    <name>HandwritingPad</name>
    <message>
        <source>Write one character in the box, then tap it below.</source>
        <translation>چاسا ئىچىگە بىر خەت يېزىڭ، ئاندىن تۆۋەندىكى توغرا خەتنى بېسىڭ.</translation>
    </message>
    <message>
        <source>Wipe the box</source>
        <translation>ئۆچۈرۈپ قايتا يېزىش</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>Who is applying?</source>
        <translation>كىم ئىلتىماس قىلىدۇ؟</translation>
    </message>
    <message>
        <source>Enter the ID number from the ID card</source>
        <translation>كىملىك نومۇرىنى كىرگۈزۈڭ</translation>
    </message>
    <message>
        <source>Or scan the QR code on your ID card</source>
        <translation>ياكى كىملىكىڭىزدىكى ئىككى ئۆلچەملىك كودنى سكانېرلاڭ</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قايتىش</translation>
    </message>
    <message>
        <source>I have no ID card with me</source>
        <translation>كىملىكىمنى ئېلىپ كەلمىدىم</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>داۋاملاشتۇرۇش</translation>
    </message>
    <message>
        <source>You can also apply for these today, without giving your details again. Tap one to do it first, or tap Continue. The others are offered again after each application.</source>
        <translation>بۈگۈن يەنە تۆۋەندىكىلەرگە ئىلتىماس قىلالايسىز، ئۇچۇرلىرىڭىزنى قايتا تولدۇرمايسىز. بىرىنى ئالدى بىلەن بېجىرىش ئۈچۈن ئۇنى بېسىڭ، ياكى «داۋاملاشتۇرۇش» نى بېسىڭ. قالغانلىرى ھەر بىر ئىلتىماس تۈگىگەندىن كېيىن يەنە كۆرسىتىلىدۇ.</translation>
    </message>
    <message>
        <source>18 characters at the bottom of the side with your photo; the last one may be the letter X.</source>
        <translation>كىملىكنىڭ رەسىملىك يۈزىنىڭ ئەڭ ئاستىدىكى 18 خانىلىق نومۇر، ئەڭ ئاخىرقى خانىسى X ھەرپى بولۇشى مۇمكىن.</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>Are you still there?</source>
        <translation>سىز تېخى بۇ يەردىمۇ؟</translation>
    </message>
    <message>
        <source>Tap anywhere to continue.</source>
        <translation>داۋاملاشتۇرۇش ئۈچۈن ئېكراننىڭ خالىغان يېرىنى بېسىڭ.</translation>
    </message>
</context>
<context>
    <name>IneligibleScreen</name>
    <message>
        <source>You cannot apply for this service</source>
        <translation>سىز بۇ مۇلازىمەتنى ئىلتىماس قىلالمايسىز</translation>
    </message>
    <message>
        <source>What you can do next</source>
        <translation>كېيىنكى قەدەمدە نېمە قىلسىڭىز بولىدۇ</translation>
    </message>
    <message>
        <source>• If you chose the answer by mistake, tap “Change my answer”.
• Ask the staff at the service centre whether another service can help you.
• Tap “Finish later” to leave what you entered with the staff: they can finish the application with you when you can apply.</source>
        <translation>• ئەگەر جاۋابنى خاتا تاللىغان بولسىڭىز، «جاۋابىمنى ئۆزگەرتىش» نى بېسىڭ.
• مۇلازىمەت مەركىزىدىكى خىزمەتچىدىن باشقا مۇلازىمەتنىڭ سىزگە ياردىمى بولامدۇ-يوق سوراڭ.
• «كېيىن تاماملاش» نى باسسىڭىز، تولدۇرغانلىرىڭىز خىزمەتچىدە قالىدۇ: ئىلتىماس قىلالايدىغان بولغاندا ئۇلار سىز بىلەن بىرلىكتە ئىلتىماسنى تاماملايدۇ.</translation>
    </message>
    <message>
        <source>Change my answer</source>
        <translation>جاۋابىمنى ئۆزگەرتىش</translation>
    </message>
    <message>
        <source>Finish later</source>
        <translation>كېيىن تاماملاش</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>قايتا باشلاش</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Delete</source>
        <translation>ئۆچۈرۈش</translation>
    </message>
</context>
<context>
    <name>MembersScreen</name>
    <message>
        <source>Back</source>
        <translation>قايتىش</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>كېيىنكى</translation>
    </message>
    <message>
        <source>No, keep</source>
        <translation>ياق، قالسۇن</translation>
    </message>
    <message>
        <source>Yes, remove</source>
        <translation>ھەئە، ئۆچۈرۈلسۇن</translation>
    </message>
    <message>
        <source>Added so far: {count}</source>
        <translation>ھازىرغىچە قوشۇلغىنى: {count}</translation>
    </message>
    <message>
        <source>+ Add: {item}</source>
        <translation>+ قوشۇش: {item}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>ئۆچۈرۈش</translation>
    </message>
    <message>
        <source>Not finished: tap to go on</source>
        <translation>تېخى تولدۇرۇلمىدى: داۋاملاشتۇرۇش ئۈچۈن بېسىڭ</translation>
    </message>
    <message>
        <source>Remove {item} from the list?</source>
        <translation>«{item}» تىزىملىكتىن ئۆچۈرۈلسۇنمۇ؟</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Your receipt is printing. Please take it with you.</source>
        <translation>تالونىڭىز بېسىلىۋاتىدۇ، ئېلىۋېلىشنى ئۇنتۇماڭ.</translation>
    </message>
    <message>
        <source>This kiosk has no printer. Please write down your tracking number shown on the screen; the clerk can print your receipt for you.</source>
        <translation>بۇ ئاپپاراتقا پرىنتېر ئۇلانمىغان. ئېكراندا كۆرسىتىلگەن قوبۇل قىلىش نومۇرىڭىزنى يېزىۋېلىڭ، خىزمەتچى تالونىڭىزنى بېسىپ بېرىدۇ.</translation>
    </message>
    <message>
        <source>Your receipt cannot be printed just now. Your application is safely received. Please write down your tracking number shown on the screen and ask the clerk for your receipt.</source>
        <translation>تالونىڭىزنى ھازىرچە بېسىپ چىقارغىلى بولمايدۇ. ئىلتىماسىڭىز ئوڭۇشلۇق قوبۇل قىلىندى. ئېكراندا كۆرسىتىلگەن قوبۇل قىلىش نومۇرىڭىزنى يېزىۋېلىپ، خىزمەتچىدىن تالونىڭىزنى ئېلىڭ.</translation>
    </message>
    <message>
        <source>The printer works, but the paper roll is nearly used up.</source>
        <translation>پرىنتېرنى ئىشلەتكىلى بولىدۇ، لېكىن قەغەز ئورامى تۈگەي دەپ قالدى.</translation>
    </message>
    <message>
        <source>The printer is ready.</source>
        <translation>پرىنتېر تەييار.</translation>
    </message>
    <message>
        <source>No printer is set up. Receipts are saved as PDF files.</source>
        <translation>پرىنتېر تەڭشەلمىگەن. تالونلار PDF ھۆججىتى قىلىپ ساقلىنىدۇ.</translation>
    </message>
    <message>
        <source>The printer does not answer. Check that it is switched on and connected.</source>
        <translation>پرىنتېردىن ئىنكاس يوق. ئۇنىڭ ئېچىلغان ۋە ياخشى ئۇلانغانلىقىنى تەكشۈرۈڭ.</translation>
    </message>
    <message>
        <source>The printing service (CUPS) is not running.</source>
        <translation>بېسىش مۇلازىمىتى (CUPS) ئىشلىمەيۋاتىدۇ.</translation>
    </message>
    <message>
        <source>The printer queue is stopped. Enable it in the printer settings.</source>
        <translation>بېسىش ئۆچرىتى توختىتىلغان. پرىنتېر تەڭشىكىدە ئۇنى قوزغىتىڭ.</translation>
    </message>
    <message>
        <source>The printer is out of paper. Put in a new roll.</source>
        <translation>پرىنتېرنىڭ قەغىزى تۈگىدى. يېڭى قەغەز ئورامى سېلىڭ.</translation>
    </message>
    <message>
        <source>The printer cover is open. Close it.</source>
        <translation>پرىنتېرنىڭ قاپقىقى ئوچۇق قالغان، ئۇنى يېپىپ قويۇڭ.</translation>
    </message>
    <message>
        <source>The printer reports a fault. Switch it off and on again.</source>
        <translation>پرىنتېردا كاشىلا كۆرۈلدى. ئۇنى ئۆچۈرۈپ، قايتا ئېچىڭ.</translation>
    </message>
    <message>
        <source>Receipts waiting to print: {count}</source>
        <translation>بېسىلىشنى كۈتۈۋاتقان تالونلار: {count} پارچە</translation>
    </message>
    <message>
        <source>No printer is connected. Receipts are saved as PDF files to print elsewhere.</source>
        <translation>پرىنتېر ئۇلانمىغان. تالونلار PDF ھۆججىتى قىلىپ ساقلىنىدۇ، باشقا جايدا بېسىپ چىقىرىشقا بولىدۇ.</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Please answer this question.</source>
        <translation>بۇ سوئالغا جاۋاب بېرىڭ.</translation>
    </message>
    <message>
        <source>This is too short: at least {min} characters.</source>
        <translation>بەك قىسقا: كەم دېگەندە {min} ھەرپ بولۇشى كېرەك.</translation>
    </message>
    <message>
        <source>This is too long: at most {max} characters.</source>
        <translation>بەك ئۇزۇن: ئەڭ كۆپ بولغاندا {max} ھەرپ بولىدۇ.</translation>
    </message>
    <message>
        <source>This does not look right. Please check it.</source>
        <translation>فورماتى توغرا ئەمەستەك قىلىدۇ، قايتا بىر قاراپ بېقىڭ.</translation>
    </message>
    <message>
        <source>Please enter a number, using digits only.</source>
        <translation>پەقەت رەقەم كىرگۈزۈڭ.</translation>
    </message>
    <message>
        <source>Please enter a whole number.</source>
        <translation>پۈتۈن سان كىرگۈزۈڭ.</translation>
    </message>
    <message>
        <source>The number must be at least {min}.</source>
        <translation>سان كەم دېگەندە {min} بولۇشى كېرەك.</translation>
    </message>
    <message>
        <source>The number must be at most {max}.</source>
        <translation>سان ئەڭ كۆپ بولغاندا {max} بولۇشى كېرەك.</translation>
    </message>
    <message>
        <source>This is not a date. Enter year, month and day, for example 1956-03-12.</source>
        <translation>چېسلا توغرا ئەمەس. يىل، ئاي، كۈن تەرتىپى بويىچە يېزىڭ، مەسىلەن: ⁦1956-03-12⁩.</translation>
    </message>
    <message>
        <source>The date must be {min} or later.</source>
        <translation>چېسلا {min} ياكى ئۇنىڭدىن كېيىن بولۇشى كېرەك.</translation>
    </message>
    <message>
        <source>The date must be {max} or earlier.</source>
        <translation>چېسلا {max} ياكى ئۇنىڭدىن بۇرۇن بولۇشى كېرەك.</translation>
    </message>
    <message>
        <source>Please choose one of the answers shown.</source>
        <translation>يۇقىرىدىكى جاۋابلاردىن بىرنى تاللاڭ.</translation>
    </message>
    <message>
        <source>Please choose at least {min}.</source>
        <translation>كەم دېگەندە {min} تۈرنى تاللاڭ.</translation>
    </message>
    <message>
        <source>Please choose at most {max}.</source>
        <translation>ئەڭ كۆپ بولغاندا {max} تۈرنى تاللىيالايسىز.</translation>
    </message>
    <message>
        <source>Please enter an 11-digit mobile number, or a landline with its area code.</source>
        <translation>11 خانىلىق قول تېلېفون نومۇرىنى ياكى رايون نومۇرى بىلەن مۇقىم تېلېفون نومۇرىنى كىرگۈزۈڭ.</translation>
    </message>
    <message>
        <source>An ID number has 18 characters. Please count them again.</source>
        <translation>كىملىك نومۇرى 18 خانىلىق بولىدۇ، قايتا ساناپ بېقىڭ.</translation>
    </message>
    <message>
        <source>The first six digits of this ID number are not a known place.</source>
        <translation>بۇ كىملىك نومۇرىنىڭ ئالدىنقى 6 خانىسى ئىناۋەتلىك رايون نومۇرى ئەمەس.</translation>
    </message>
    <message>
        <source>The birth date inside this ID number is not possible.</source>
        <translation>بۇ كىملىك نومۇرىدىكى تۇغۇلغان ۋاقىت توغرا ئەمەس.</translation>
    </message>
    <message>
        <source>This ID number has a mistake. Please compare it with the card.</source>
        <translation>كىملىك نومۇرىدا خاتالىق بار، كىملىك بىلەن سېلىشتۇرۇپ قايتا كۆرۈپ بېقىڭ.</translation>
    </message>
    <message>
        <source>Please read the statement and tap &quot;I agree&quot; to continue.</source>
        <translation>باياناتنى ئوقۇپ، «قوشۇلىمەن» دېگەننى بېسىپ داۋاملاشتۇرۇڭ.</translation>
    </message>
    <message>
        <source>Please choose every part of the address.</source>
        <translation>ئادرېسنىڭ ھەر بىر دەرىجىسىنى تاللاڭ.</translation>
    </message>
    <message>
        <source>This photo cannot be used. Please take it again.</source>
        <translation>بۇ سۈرەتنى ئىشلەتكىلى بولمايدۇ. قايتا تارتىڭ.</translation>
    </message>
    <message>
        <source>Please add at least {min}.</source>
        <translation>كەم دېگەندە {min} نى قوشۇڭ.</translation>
    </message>
    <message>
        <source>At most {max} can be added.</source>
        <translation>ئەڭ كۆپ بولغاندا {max} نى قوشقىلى بولىدۇ.</translation>
    </message>
    <message>
        <source>Number {item} is not finished. Tap it to answer its remaining questions.</source>
        <translation>{item}-نومۇرلۇق تېخى تولدۇرۇلمىدى. ئۇنى بېسىپ قالغان سوئاللارغا جاۋاب بېرىڭ.</translation>
    </message>
    <message>
        <source>Please check this answer.</source>
        <translation>بۇ جاۋابنى تەكشۈرۈپ بېقىڭ.</translation>
    </message>
    <message>
        <source>The kiosk&apos;s storage is full, so your application could not be saved yet. Nothing was lost: please ask the clerk for help.</source>
        <translation>بۇ ئاپپاراتنىڭ ساقلاش بوشلۇقى تولۇپ كەتتى، ئىلتىماسىڭىزنى ھازىرچە ساقلىغىلى بولمىدى. تولدۇرغان مەزمۇنلار يوقاپ كەتمىدى، خىزمەتچىدىن ياردەم سوراڭ.</translation>
    </message>
    <message>
        <source>That passphrase does not unlock this kiosk. Nothing was changed.</source>
        <translation>بۇ ئىم سۆز بىلەن ئاپپاراتنى ئاچقىلى بولمايدۇ. ھېچنېمە ئۆزگەرتىلمىدى.</translation>
    </message>
    <message>
        <source>This application has already been sent to the county office, so it can no longer be corrected at the kiosk. Corrections are made at the county office.</source>
        <translation>بۇ ئىلتىماس ناھىيەگە يوللىنىپ بولدى، شۇڭا ئاپپاراتتا تۈزەتكىلى بولمايدۇ. تۈزىتىش ناھىيەدە ئېلىپ بېرىلىدۇ.</translation>
    </message>
    <message>
        <source>This kiosk cannot store applications at the moment, so yours cannot be taken here yet. Please ask the clerk for help.</source>
        <translation>بۇ ئاپپارات ھازىرچە ئىلتىماسلارنى ساقلىيالمايدۇ، شۇڭا ئىلتىماسىڭىزنى بۇ يەردە قوبۇل قىلغىلى بولمايدۇ. خىزمەتچىدىن ياردەم سوراڭ.</translation>
    </message>
    <message>
        <source>The kiosk could not save your application just now. Nothing was lost: please try again, or ask the clerk for help.</source>
        <translation>بۇ ئاپپارات ئىلتىماسىڭىزنى ھازىرلا ساقلىيالمىدى. تولدۇرغان مەزمۇنلار يوقاپ كەتمىدى، قايتا سىناپ بېقىڭ ياكى خىزمەتچىدىن ياردەم سوراڭ.</translation>
    </message>
    <message>
        <source>The kiosk is locked, so saved applications cannot be opened just now. New applications still work. Please ask the clerk: the kiosk unlocks itself when it reaches the central platform.</source>
        <translation>ئاپپارات ھازىر قۇلۇپلانغان، ساقلانغان ئىلتىماسلارنى ھازىرچە ئاچقىلى بولمايدۇ. يېڭى ئىلتىماس قىلىش يەنىلا نورمال. خىزمەتچىدىن سوراڭ: ئاپپارات مەركىزىي سۇپىغا ئۇلانغاندا ئۆزلۈكىدىن قۇلۇپتىن ئېچىلىدۇ.</translation>
    </message>
    <message>
        <source>Something went wrong on this kiosk. Nothing was lost: please ask the clerk for help.</source>
        <translation>بۇ ئاپپاراتتا مەسىلە كۆرۈلدى. تولدۇرغان مەزمۇنلار يوقاپ كەتمىدى، خىزمەتچىدىن ياردەم سوراڭ.</translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <source>Question {index} of {total}</source>
        <translation>{index}-سوئال، جەمئىي {total} سوئال</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قايتىش</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>كېيىنكى</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>(not answered)</source>
        <translation>(جاۋاب بېرىلمىگەن)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>ھەئە</translation>
    </message>
    <message>
        <source>No</source>
        <translation>ياق</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Please check your answers. Tap an answer to change it.</source>
        <translation>تولدۇرغان جاۋابلىرىڭىزنى تەكشۈرۈڭ. ئۆزگەرتمەكچى بولسىڭىز، جاۋابنى بېسىڭ.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قايتىش</translation>
    </message>
    <message>
        <source>Submit application</source>
        <translation>ئىلتىماسنى يوللاش</translation>
    </message>
    <message>
        <source>{count} added</source>
        <translation>{count} قوشۇلدى</translation>
    </message>
</context>
<context>
    <name>ScanOutcome</name>
    <message>
        <source>ID verified, issued by {issuer}. Please check the answers filled in.</source>
        <translation>كىملىك دەلىللەندى، تارقاتقان ئورگان: {issuer}. تولدۇرۇلغان مەزمۇنلارنى تەكشۈرۈپ بېقىڭ.</translation>
    </message>
    <message>
        <source>ID number read. Please check the answers filled in.</source>
        <translation>كىملىك نومۇرى ئوقۇلدى. تولدۇرۇلغان مەزمۇنلارنى تەكشۈرۈپ بېقىڭ.</translation>
    </message>
    <message>
        <source>The code was read, but this kiosk does not know its issuer (its list is dated {date}), so it could not be verified. You can continue; please check the answers.</source>
        <translation>كود ئوقۇلدى، لېكىن بۇ ئاپپارات ئۇنى تارقاتقان ئورگاننى تونۇمىدى (ئاپپاراتتىكى تىزىملىكنىڭ ۋاقتى: {date})، شۇڭا دەلىللىگىلى بولمىدى. داۋاملاشتۇرسىڭىز بولىدۇ، تولدۇرۇلغان مەزمۇنلارنى تەكشۈرۈپ بېقىڭ.</translation>
    </message>
    <message>
        <source>This ID code was signed with a key that has been withdrawn. Please type the ID number instead.</source>
        <translation>بۇ كىملىك كودى بىكار قىلىنغان ئىمزا ئاچقۇچى بىلەن ئىمزالانغان. ئۇنىڭ ئورنىغا كىملىك نومۇرىنى كىرگۈزۈڭ.</translation>
    </message>
    <message>
        <source>This ID code could not be verified: it may have been altered. Please type the ID number instead.</source>
        <translation>بۇ كىملىك كودىنى دەلىللىگىلى بولمىدى، ئۆزگەرتىلگەن بولۇشى مۇمكىن. ئۇنىڭ ئورنىغا كىملىك نومۇرىنى كىرگۈزۈڭ.</translation>
    </message>
    <message>
        <source>This ID code has expired. You can continue; please check the answers.</source>
        <translation>بۇ كىملىك كودىنىڭ ۋاقتى ئۆتۈپ كەتكەن. داۋاملاشتۇرسىڭىز بولىدۇ، تولدۇرۇلغان مەزمۇنلارنى تەكشۈرۈپ بېقىڭ.</translation>
    </message>
    <message>
        <source>This ID code is not valid yet. You can continue; please check the answers.</source>
        <translation>بۇ كىملىك كودى تېخى كۈچكە ئىگە ئەمەس. داۋاملاشتۇرسىڭىز بولىدۇ، تولدۇرۇلغان مەزمۇنلارنى تەكشۈرۈپ بېقىڭ.</translation>
    </message>
    <message>
        <source>This ID code is encrypted, and this kiosk holds no key to read it. Please type the ID number instead.</source>
        <translation>بۇ كىملىك كودى شىفىرلانغان، بۇ ماشىنىدا ئۇنى ئوقۇيدىغان ئاچقۇچ يوق. ئۇنىڭ ئورنىغا كىملىك نومۇرىنى كىرگۈزۈڭ.</translation>
    </message>
    <message>
        <source>The code is damaged and could not be read. Try again, or type the ID number.</source>
        <translation>كود بۇزۇلغان، ئوقۇغىلى بولمىدى. قايتا سىناپ بېقىڭ ياكى كىملىك نومۇرىنى كىرگۈزۈڭ.</translation>
    </message>
    <message>
        <source>This QR code is not an ID code. Please scan the code on your ID card.</source>
        <translation>بۇ كىملىك كودى ئەمەس. كىملىكىڭىزدىكى ئىككى ئۆلچەملىك كودنى سكانېرلاڭ.</translation>
    </message>
    <message>
        <source>Nothing could be read. Try again, or type the ID number.</source>
        <translation>ھېچنېمە ئوقۇلمىدى. قايتا سىناپ بېقىڭ ياكى كىملىك نومۇرىنى كىرگۈزۈڭ.</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <source>Read aloud</source>
        <translation>ئوقۇپ بېرىش</translation>
    </message>
    <message>
        <source>Staff are called: someone is coming</source>
        <translation>خىزمەتچى چاقىرىلدى، ھازىر بىرەيلەن كېلىدۇ</translation>
    </message>
    <message>
        <source>Call staff</source>
        <translation>خىزمەتچى چاقىرىش</translation>
    </message>
    <message>
        <source>More below</source>
        <translation>تۆۋەندە يەنە بار</translation>
    </message>
</context>
<context>
    <name>Speech</name>
    <message>
        <source>Reading aloud: offered in {languages}.</source>
        <translation>ئوقۇپ بېرىش: {languages} تىللىرىدا بار.</translation>
    </message>
    <message>
        <source>speech-dispatcher is not running (start it: python -m ui.speech_daemon)</source>
        <translation>speech-dispatcher ئىشلىمەيۋاتىدۇ (قوزغىتىش: python -m ui.speech_daemon)</translation>
    </message>
    <message>
        <source>speech-dispatcher does not answer (a speech module hangs): restart it</source>
        <translation>speech-dispatcher جاۋاب بەرمەيۋاتىدۇ (ئاۋاز مودۇلى توختاپ قالدى): قايتا قوزغىتىڭ</translation>
    </message>
    <message>
        <source>the speech engine could not start (the log says why)</source>
        <translation>ئاۋاز ماتورى قوزغالمىدى (سەۋەبى خاتىرىدە)</translation>
    </message>
    <message>
        <source>the speech engine is still being checked</source>
        <translation>ئاۋاز ماتورى تېخى تەكشۈرۈلۈۋاتىدۇ</translation>
    </message>
    <message>
        <source>no voice is installed for it</source>
        <translation>بۇ تىلنىڭ ئاۋازى ئورنىتىلمىغان</translation>
    </message>
    <message>
        <source>a test word never finished: check the sound output</source>
        <translation>سىناق سۆز ئوقۇلۇپ تۈگىمىدى: ئاۋاز چىقىرىشنى تەكشۈرۈڭ</translation>
    </message>
    <message>
        <source>the engine failed saying a test word</source>
        <translation>ماتور سىناق سۆزنى ئوقۇشتا خاتالىق كۆرۈلدى</translation>
    </message>
    <message>
        <source>Reading aloud is not offered in {language}: {reason}.</source>
        <translation>{language} تىلىدا ئوقۇپ بېرىش يوق: {reason}.</translation>
    </message>
</context>
<context>
    <name>StaffCallFlow</name>
    <message>
        <source>Someone at the kiosk asked for staff at {time}.</source>
        <translation>ئاپپارات ئالدىدىكى بىرەيلەن {time} دە خىزمەتچى چاقىردى.</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>What would you like to apply for today?</source>
        <translation>بۈگۈن قانداق ئىش بېجىرمەكچىسىز؟</translation>
    </message>
    <message>
        <source>{township} service centre</source>
        <translation>{township} خەلققە قولايلىق مۇلازىمەت مەركىزى</translation>
    </message>
    <message>
        <source>Check my application</source>
        <translation>ئىلتىماسىمنى سۈرۈشتۈرۈش</translation>
    </message>
    <message>
        <source>This kiosk is being set up and does not take applications yet. Please ask the staff for help.</source>
        <translation>بۇ ئۈسكۈنە تەڭشىلىۋاتىدۇ، ھازىرچە ئىلتىماس قوبۇل قىلمايدۇ. خىزمەتچىدىن ياردەم سوراڭ.</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>خىزمەتچى</translation>
    </message>
    <message>
        <source>A clerk is helping you: {name} (staff number {staff_id}).</source>
        <translation>خىزمەتچى سىزگە ياردەملىشىۋاتىدۇ: {name} (خىزمەتچى نومۇرى {staff_id}).</translation>
    </message>
    <message>
        <source>Larger text, read aloud</source>
        <translation>چوڭ خەت، ئوقۇپ بېرىش</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>چوڭ خەت</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>يۇقىرى سېلىشتۇرما</translation>
    </message>
</context>
<context>
    <name>UsbExport</name>
    <message>
        <source>No USB stick was found. Plug one in, wait a few seconds and tap again.</source>
        <translation>USB دىسكا تېپىلمىدى. بىرنى سېلىپ، بىر نەچچە سېكۇنت ساقلاپ، قايتا بېسىڭ.</translation>
    </message>
    <message>
        <source>This kiosk is not enrolled with a central platform, so it cannot seal an export.</source>
        <translation>بۇ ئاپپارات مەركىزىي سۇپىغا تىزىملانمىغان، شۇڭا شىفىرلانغان چىقىرىش قىلالمايدۇ.</translation>
    </message>
    <message>
        <source>This USB stick holds a link where the export belongs, so nothing was written. Use another stick.</source>
        <translation>بۇ USB دىسكىدا چىقىرىلىدىغان ھۆججەتنىڭ ئورنىدا ئۇلانما بار، شۇڭا ھېچنېمە يېزىلمىدى. باشقا USB دىسكا ئىشلىتىڭ.</translation>
    </message>
    <message>
        <source>The USB stick could not be written (full or read-only?). Nothing was lost.</source>
        <translation>USB دىسكىغا يازغىلى بولمىدى (تولۇپ كەتتىمۇ ياكى پەقەت ئوقۇشقىلا بولامدۇ؟). ھېچنېمە يوقالمىدى.</translation>
    </message>
    <message>
        <source>{count} applications written to {path}. Take the stick to the central platform; they stay on this kiosk until its receipt is imported.</source>
        <translation>{count} ئىلتىماس {path} غا يېزىلدى. دىسكىنى مەركىزىي سۇپىغا ئاپىرىڭ؛ تالونى كىرگۈزۈلگۈچە ئۇلار بۇ ئاپپاراتتا ساقلىنىدۇ.</translation>
    </message>
</context>
</TS>
