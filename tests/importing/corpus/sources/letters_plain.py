"""A letter saved as plain text, one line a paragraph: an address block of single lines
under a protective marking, the subject on the line after the greeting, a lone
'Recommendation' line heading more than one ask, and 'the authority' and 'the
organisation' meaning the body the letter is written to."""

from make_corpus import Doc, Item, Pub

HF = "Hollinsdale Fire and Rescue Authority"
HF_SUBJECT = "Revisit of Hollinsdale Fire and Rescue Service – protection"
HF_EVALUATE = (
    "Within six months of this letter, the authority should evaluate whether its fire safety audits lead "
    "building owners to put right what the audits find."
)
HF_PUBLISH = "The organisation should also publish its risk-based inspection programme on its website by 31 March 2026."
HF_TO = f"Chief Fire Officer Priya Castell, {HF}, Fire Service Headquarters, Quarry Lane, Hollinsdale HD3 9PX"

HF_LETTER = f"""NOT PROTECTIVELY MARKED

Chief Fire Officer Priya Castell
{HF}
Fire Service Headquarters
Quarry Lane, Hollinsdale HD3 9PX

5 November 2025

Dear Chief Fire Officer,

{HF_SUBJECT}

On 14 and 15 October 2025 we revisited the service to see what it had done about the cause of concern on protection we gave it in our 2024 inspection.

The service has recruited four more fire safety inspectors and has cleared most of its backlog of high-risk premises. We are satisfied that the cause of concern can be closed. But the authority still doesn't know whether its audits change how building owners behave.

Recommendation

{HF_EVALUATE}

{HF_PUBLISH}

We will look at both when we next inspect the service. Please let us know by 5 December 2025 who will lead this work.

Yours sincerely,

Rowan Ashdown
His Majesty's Inspector of Fire and Rescue Services
"""

HOLLINSDALE = Doc(
    name="revisit-letter-fire-authority-plain",
    fmt="txt",
    shape="letter as plain text: single-line address block, subject after the greeting, a lone "
    "'Recommendation' line over two asks, 'the authority' and 'the organisation' resolved",
    source=HF_LETTER,
    paper=dict(
        title=HF_SUBJECT,
        to=HF_TO,
        dated="2025-11-05",
        **{"from": "Rowan Ashdown, His Majesty's Inspector of Fire and Rescue Services"},
    ),
    publications=[
        Pub(
            HF_SUBJECT,
            "2025-11-05",
            "letter",
            items=[
                Item(
                    "Recommendation 1",
                    HF_EVALUATE,
                    deadline_text="Within six months of this letter",
                    deadline="2026-05-05",
                    addressees=(HF,),
                    applies_to_force=True,
                    ref_made_up=True,
                ),
                Item(
                    "Recommendation 2",
                    HF_PUBLISH,
                    deadline_text="by 31 March 2026",
                    deadline="2026-03-31",
                    addressees=(HF,),
                    applies_to_force=True,
                    ref_made_up=True,
                ),
            ],
        )
    ],
)

DOCS = [HOLLINSDALE]
