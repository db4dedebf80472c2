import {
  expect,
  expectAccessible,
  hydrated,
  makeClinic,
  PHONE,
  receivedMail,
  shoot,
  signInOverHttp,
  test,
} from "./fixtures";

/**
 * Issue 16: a patient writes to the clinic from the phone, the clinician sees the count in the
 * menu and on the caseload, answers, and the patient reads the answer with its receipt. The
 * clinician's email goes through the real test mail server and says nothing of the message.
 */
for (const width of [360, 1280]) {
  test(`a patient's message and the clinic's answer, at ${width} px`, async ({
    browser,
    page,
    context,
  }) => {
    // Two people, a mail server and an offline round trip: longer than one page's test.
    test.setTimeout(120_000);
    // Each picture is taken at both widths: once is enough.
    const picture = (p: typeof page, name: string) =>
      width === 360 ? shoot(p, name) : Promise.resolve();
    const { clinic, clinician, patient, link } = await makeClinic(`Messages ${width}`);
    const question = `Is cycling fine on rest days? (${width})`;
    const answer = `Yes: gentle cycling is fine on rest days. (${width})`;

    // The patient, on their phone: the thread always shows the emergency line and the clinic.
    const phone = await browser.newContext({ ...PHONE, viewport: { width, height: 800 } });
    const patientPage = await phone.newPage();
    await patientPage.goto(`/p/${(await link()).token}`);
    await hydrated(patientPage);
    await patientPage
      .getByRole("navigation", { name: "Your plan" })
      .getByRole("link", { name: "Messages" })
      .click();
    await expect(patientPage.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
    await hydrated(patientPage);
    const safety = patientPage.getByRole("region", { name: "Not for urgent problems" });
    await expect(safety).toContainText("does not read your message for warning signs");
    await expect(safety.getByRole("link", { name: "999", exact: true })).toHaveAttribute(
      "href",
      "tel:999",
    );
    await expect(safety.getByRole("link", { name: "020 7946 0999" })).toHaveAttribute(
      "href",
      "tel:02079460999",
    );
    await expect(patientPage.getByText("No messages yet.")).toBeVisible();
    await expectAccessible(patientPage);

    // A message over the limit is refused on the phone and keeps what was typed.
    const box = patientPage.getByLabel(`Write to ${clinic.name}`);
    await box.fill("x".repeat(2001));
    await patientPage.getByRole("button", { name: "Send" }).click();
    await expect(
      patientPage.getByText("Please shorten your message to 2000 characters or fewer"),
    ).toBeVisible();
    await expect(box).toHaveValue("x".repeat(2001));

    await box.fill(question);
    await patientPage.getByRole("button", { name: "Send" }).click();
    await expect(patientPage.getByText(`Sent to ${clinic.name}.`)).toBeVisible();
    const thread = patientPage.getByRole("list", { name: "Messages, oldest first" });
    await expect(thread.getByRole("listitem").filter({ hasText: question })).toContainText(
      `Not read yet by ${clinic.name}`,
    );
    await expect(box).toHaveValue("");
    await picture(patientPage, "messages-phone-sent");

    // The clinician: the count in the menu and on the caseload.
    await page.setViewportSize({ width, height: 900 });
    await signInOverHttp(context, clinician.email);
    await page.goto("/patients");
    const nav = page.getByRole("navigation", { name: "Main" });
    const messagesLink = nav.getByRole("link", { name: /^Messages, 1 unread from 1 patient/ });
    await expect(messagesLink).toBeVisible();
    await expect(messagesLink).toContainText("1 unread");
    await expect(page.getByRole("link", { name: "1 unread message" })).toBeVisible();
    await expectAccessible(page);

    // The inbox, then the patient's Messages section, which reads the thread.
    await messagesLink.click();
    await expect(page.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
    await expectAccessible(page);
    await picture(page, "messages-inbox");
    await page.getByRole("link", { name: patient.displayName, exact: true }).click();
    const section = page.getByRole("region", { name: `Messages with ${patient.displayName}` });
    await expect(section.getByText(question)).toBeVisible();
    await expect(section.getByText(`Read by ${clinician.name}`)).toBeVisible();
    await expect(nav.getByRole("link", { name: "Messages, none unread" })).toBeVisible();
    await section.getByLabel(`Write to ${patient.displayName}`).fill(answer);
    await section.getByRole("button", { name: "Send message" }).click();
    await expect(section.getByText(answer)).toBeVisible();
    await expect(section.getByText("Not read yet by the patient")).toBeVisible();
    await expectAccessible(page);
    await picture(page, "messages-staff");

    // One email to the clinician, through the outbox and the real SMTP server, without the text.
    await expect
      .poll(() => receivedMail(clinician.email).length, { timeout: 45_000, intervals: [500] })
      .toBe(1);
    const [email] = receivedMail(clinician.email);
    expect(email!.subject).toBe(`New message from ${patient.displayName}`);
    expect(email!.text).toContain(
      `${process.env.E2E_BASE_URL}/patients/${patient.id}?section=messages`,
    );
    expect(email!.text).not.toContain("cycling");

    // The patient reads the answer; the clinic sees the receipt.
    await patientPage.reload();
    await hydrated(patientPage);
    const answered = thread.getByRole("listitem").filter({ hasText: answer });
    await expect(answered).toContainText(`${clinician.name}, ${clinic.name}`);
    await expect(thread.getByRole("listitem").filter({ hasText: question })).toContainText(
      "Read by your clinic",
    );
    await expectAccessible(patientPage);
    await picture(patientPage, "messages-phone-answered");
    await expect
      .poll(async () => {
        await page.reload();
        return section.getByText("Read by the patient").count();
      })
      .toBe(1);

    // Offline, a message waits on the phone and goes by itself once the phone is back online.
    await phone.setOffline(true);
    await box.fill(`Thank you! (${width})`);
    await patientPage.getByRole("button", { name: "Send" }).click();
    await expect(patientPage.getByText("Kept on this phone, not sent yet")).toBeVisible();
    await expect(patientPage.getByText("Saved on this phone.")).toBeVisible();
    await phone.setOffline(false);
    await expect(thread.getByText(`Thank you! (${width})`)).toBeVisible({ timeout: 15_000 });
    await expect(patientPage.getByText("Kept on this phone, not sent yet")).toHaveCount(0);
    await phone.close();
  });
}
