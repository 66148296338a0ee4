"""A commissioner's section 55 response that quotes each recommendation for chief
constables under its own heading and answers it: the quoted recommendation is the item
(the document exists to restate it), the chief constable's reply and the commissioner's
comments are not."""

from make_corpus import Doc, Item, Pub

OAK_TITLE = (
    "Response of the Police, Fire and Crime Commissioner for Oakhurst to HMICFRS's report on how the "
    "police protect victims of stalking"
)
OAK_REPORT = "Closing the gap: how the police protect victims of stalking"
OAK_RECS = (
    (
        "1",
        "By 31 January 2026, chief constables should make sure that every report of stalking is recorded as "
        "stalking, and not as harassment or a malicious communication.",
        "By 31 January 2026",
        "2026-01-31",
    ),
    (
        "3",
        "Within six months of the report's publication, chief constables should make sure that victims of "
        "stalking are referred to a specialist advocate when they first report.",
        "Within six months of the report's publication",
        "2026-01-08",
    ),
    (
        "6",
        "Chief constables should make sure that officers consider applying for a stalking protection order "
        "in every case where the suspect is known to the victim.",
        None,
        None,
    ),
)
OAK_REPLIES = (
    (
        "The force already audits stalking records each month. The audit in June found 9 percent recorded "
        "wrongly, and the force will retrain its crime recording staff by December.",
        "I am content with this. The results of the audits should be reported to my Accountability Board.",
    ),
    (
        "A referral pathway to the Oakhurst Stalking Advocacy Service has been agreed and will start in "
        "October.",
        "I have funded two additional advocates for 2025/26.",
    ),
    (
        "Applications for stalking protection orders rose from 4 in 2023 to 19 in 2024. The force will "
        "include protection orders in its investigation checklists.",
        "I welcome the increase and will keep it under review.",
    ),
)

S55_DOCX = Doc(
    name="commissioner-response-quoted-recommendations",
    fmt="docx",
    shape="a commissioner's section 55 response in Word: each recommendation for chief constables quoted "
    "(Quote style) under its own 'Recommendation N' heading, then the chief constable's reply and the "
    "commissioner's comments in paragraphs that start with a bold label; the other recommendations named "
    "only by number",
    source=f"""
# {OAK_TITLE}
2 September 2025
## Introduction
On 8 July 2025 HMICFRS published its report "{OAK_REPORT}". Section 55 of the Police Act 1996 asks me to publish my comments on it within 56 days, and this is my response.
The report makes six recommendations. Recommendations 2, 4 and 5 are for the College of Policing, the NPCC and the Home Office and I have not commented on them. The three for chief constables are set out below, each with the Chief Constable's reply and my comments.
"""
    + "\n".join(
        f"""## Recommendation {number}
> {text}
**Chief Constable's reply:** {reply}
**Commissioner's comments:** {comment}"""
        for (number, text, _, _), (reply, comment) in zip(OAK_RECS, OAK_REPLIES, strict=True)
    )
    + """
## Next steps
I will hold the Chief Constable to account for this work at my Accountability Board, and I will report on it in my annual report.
""",
    paper=dict(title=OAK_TITLE, dated="2025-09-02"),
    publications=[
        Pub(
            OAK_TITLE,
            "2025-07-08",
            "response",
            items=[
                Item(
                    f"Recommendation {number}",
                    text,
                    deadline_text=phrase,
                    deadline=due,
                    addressees=("Chief constables",),
                    applies_to_force=True,
                )
                for number, text, phrase, due in OAK_RECS
            ],
        ),
    ],
)

DOCS = [S55_DOCX]
