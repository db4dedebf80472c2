import type { SeedExercise } from "./library-types";

/**
 * Seeded exercise library. Facts (names, steps, usual doses, cautions) come from the source articles in
 * ../shared/seeds; every sentence is Rehabit's own. Steps never state a dose, never tell the patient
 * how to make the exercise harder (that is the clinician's choice, made in the prescription), and
 * never say "switch sides": the dose shown on screen comes from the prescription (exercise default,
 * then template, then the clinician's edit) and its side line says which leg, in the words of
 * server/domain/dosage.ts. `library-content.test.ts` checks all three.
 *
 * Sidedness, read from the steps: exercises done on both legs at once are `together` (wall squat,
 * glute bridge, calf raises, controlled knee bends, adductor squeeze, cycling); stretches, glides,
 * rolling and side-lying work done on one leg and then the other are `each_leg`; work that trains
 * the sore knee itself (quadriceps sets, straight leg raise, terminal knee extension, wall slides,
 * hamstring curl) is `one_leg` and starts on the patient's affected side.
 *
 * Default doses by group, from the sources:
 * - neural glides: gentle, about 10 slow repeats, no hold, twice a day;
 * - stretches: hold about 30 seconds, 3 times, once a day;
 * - strengthening: 2 to 3 sets of 10 to 15, on 3 to 4 days a week;
 * - foam roller: 1 to 2 minutes a leg; cycling: 10 to 15 minutes, low resistance.
 */
export const seedExercises: SeedExercise[] = [
  // ---------------------------------------------------------------- neural glides
  {
    slug: "sciatic-nerve-glide-seated",
    name: "Sciatic nerve glide (sitting)",
    category: "neural_glide",
    sidedness: "each_leg",
    bodyRegion: "whole_leg",
    targetStructure: "Sciatic nerve",
    summary:
      "A slow, gentle movement that helps the big nerve at the back of your leg slide freely.",
    steps: [
      "Sit up tall near the front of a chair and rest your hands behind you for support.",
      "Straighten one leg out in front of you and pull your toes up toward you.",
      "Now lift your head to look ahead and point your toes away at the same time.",
      "Then drop your chin toward your chest and pull your toes back up toward you.",
      "Keep moving smoothly between these two positions without pausing.",
    ],
    whatToFeel:
      "A light pulling along the back of your leg that comes and goes as you move. It should not hurt.",
    stopIf:
      "You feel sharp, shooting or burning pain, or tingling or numbness that spreads or lasts after you stop.",
    cautions: [
      "This is a glide, not a stretch. Keep it small and easy and never hold the end position.",
      "Stop and tell your clinic if your leg symptoms are worse later that day or the next morning.",
    ],
    dosage: { sets: 1, reps: 10, sessionsPerDay: 2, daysPerWeek: 7 },
    conditions: ["knee_nerve_pain", "sciatica_knee_pain"],
  },
  {
    slug: "femoral-nerve-glide-prone",
    name: "Femoral nerve glide (lying on your front)",
    category: "neural_glide",
    sidedness: "each_leg",
    bodyRegion: "thigh",
    targetStructure: "Femoral nerve",
    summary:
      "A gentle knee bend lying face down that helps the nerve at the front of your thigh move freely.",
    steps: [
      "Lie on your front on a bed or mat with your legs straight.",
      "Slowly bend one knee and bring your heel toward your bottom.",
      "Stop as soon as you feel light tension at the front of your thigh or hip.",
      "Slowly lower your foot back down to the start.",
    ],
    whatToFeel: "Mild tension at the front of your thigh or hip that eases as you lower your leg.",
    stopIf:
      "You feel sharp, burning or electric pain, or new tingling or numbness in your thigh, knee or shin.",
    cautions: [
      "Only bend as far as the first light tension. Do not pull your foot in with your hand.",
      "If lying on your front is uncomfortable for your back, ask your clinician for another position.",
    ],
    dosage: { sets: 1, reps: 10, sessionsPerDay: 2, daysPerWeek: 7 },
    conditions: ["knee_nerve_pain"],
  },
  {
    slug: "peroneal-nerve-glide-seated",
    name: "Peroneal nerve glide (sitting)",
    category: "neural_glide",
    sidedness: "each_leg",
    bodyRegion: "lower_leg",
    targetStructure: "Common peroneal nerve",
    summary:
      "A small, gentle movement for the nerve that runs around the outside of your knee to the top of your foot.",
    steps: [
      "Sit up tall on a chair.",
      "Straighten one leg in front of you.",
      "Point your toes down and turn the sole of your foot slightly inward.",
      "At the same time, tip your head gently toward the shoulder on the other side.",
      "Bring your foot and your head back to the middle together.",
      "Repeat slowly. The movement is small, so do not force it.",
    ],
    whatToFeel:
      "A faint pull on the outside of your lower leg or the top of your foot that fades when you return to the middle.",
    stopIf:
      "You feel sharp or burning pain, or numbness or tingling on the outside of your leg or the top of your foot that gets worse.",
    cautions: [
      "Keep it gentle. A bigger movement is not a better glide.",
      "If your toes catch or your foot slaps when you walk, stop and contact your clinic today.",
    ],
    dosage: { sets: 1, reps: 10, sessionsPerDay: 2, daysPerWeek: 7 },
    conditions: ["knee_nerve_pain", "sciatica_knee_pain"],
  },
  {
    slug: "saphenous-nerve-glide",
    name: "Saphenous nerve glide",
    category: "neural_glide",
    sidedness: "each_leg",
    bodyRegion: "knee",
    targetStructure: "Saphenous nerve",
    summary: "A gentle movement for the nerve that runs along the inside of your knee and shin.",
    steps: [
      "Stand or sit up tall.",
      "Turn your knee slightly outward by rolling your leg out from the hip.",
      "Pull your toes up toward you.",
      "Lean your upper body a little toward the other side.",
      "Come back to the middle and repeat slowly.",
    ],
    whatToFeel:
      "A soft pull along your inner thigh or the inside of your knee. It is a subtle feeling.",
    stopIf:
      "You feel sharp or burning pain, or more numbness or tingling on the inside of your knee, shin or foot.",
    cautions: [
      "Hold on to a counter or chair if you do this standing.",
      "Keep the lean small. You should feel a hint of tension, not a stretch.",
    ],
    dosage: { sets: 1, reps: 10, sessionsPerDay: 2, daysPerWeek: 7 },
    conditions: ["knee_nerve_pain", "medial_knee_pain"],
  },

  // ---------------------------------------------------------------- mobility and stretches
  {
    slug: "hamstring-stretch",
    name: "Hamstring stretch",
    category: "mobility_stretch",
    sidedness: "each_leg",
    bodyRegion: "thigh",
    targetStructure: "Hamstrings",
    summary:
      "An easy stretch for the muscles at the back of your thigh, which can take strain off your knee.",
    steps: [
      "Lie on your back and put a towel or strap around the ball of one foot.",
      "Use the towel to raise that leg slowly toward the ceiling.",
      "Stop when you feel a gentle stretch at the back of your thigh. A slight bend in the knee is fine.",
      "Hold still and breathe normally, then lower the leg slowly.",
      "If lying down is hard, sit near the front of a chair, put one leg out straight, and tip your chest forward at the hips instead.",
    ],
    whatToFeel: "A gentle, steady stretch in the back of your thigh.",
    stopIf: "You feel pain behind your knee, or tingling, burning or pain that runs down your leg.",
    cautions: [
      "Stay at a mild stretch. Do not bounce or pull hard.",
      "If you have nerve symptoms, keep your toes relaxed and your knee a little bent.",
    ],
    dosage: { sets: 1, reps: 3, holdSeconds: 30, sessionsPerDay: 1, daysPerWeek: 7 },
    conditions: ["knee_nerve_pain", "runners_knee", "sciatica_knee_pain"],
  },
  {
    slug: "quadriceps-stretch-standing",
    name: "Quadriceps stretch (standing)",
    category: "mobility_stretch",
    sidedness: "each_leg",
    bodyRegion: "thigh",
    targetStructure: "Quadriceps",
    summary: "A standing stretch for the big muscles at the front of your thigh.",
    steps: [
      "Stand tall and hold a wall or a sturdy chair for balance.",
      "Bend one knee and hold that ankle or foot behind you.",
      "Gently bring your heel toward your bottom.",
      "Keep your knees side by side and your lower back flat, not arched.",
      "Hold, then let go slowly and put your foot down.",
    ],
    whatToFeel: "A stretch along the front of your thigh.",
    stopIf:
      "You feel pain in the front of your knee or around your kneecap, or pain in your lower back.",
    cautions: [
      "If you cannot reach your foot, loop a towel around your ankle and hold the ends.",
      "Bending the knee fully can bother a sore kneecap. Only go as far as feels comfortable.",
    ],
    dosage: { sets: 1, reps: 3, holdSeconds: 30, sessionsPerDay: 1, daysPerWeek: 7 },
    conditions: ["knee_nerve_pain", "runners_knee"],
  },
  {
    slug: "calf-soleus-stretch-wall",
    name: "Calf and soleus stretch (at a wall)",
    category: "mobility_stretch",
    sidedness: "each_leg",
    bodyRegion: "lower_leg",
    targetStructure: "Calf muscles (gastrocnemius and soleus)",
    summary: "A stretch at the wall for both the upper and the lower calf muscles.",
    steps: [
      "Face a wall and put both hands flat on it.",
      "Step one foot back and keep that heel on the floor.",
      "With the back knee straight, lean toward the wall until you feel the calf stretch. Hold.",
      "Then bend the back knee a little, keeping the heel down, to move the stretch lower in the calf. Hold.",
      "Step back in to finish.",
    ],
    whatToFeel:
      "A stretch in your calf. With the knee bent you feel it lower down, nearer your ankle.",
    stopIf:
      "You feel pain behind your knee or in your Achilles tendon, or your calf is red, swollen, warm or painful.",
    cautions: [
      "Keep your back heel down and your toes pointing forward.",
      "Do not bounce. Lean in slowly and hold still.",
    ],
    dosage: { sets: 1, reps: 3, holdSeconds: 30, sessionsPerDay: 1, daysPerWeek: 7 },
    conditions: ["knee_nerve_pain", "runners_knee", "sciatica_knee_pain"],
  },
  {
    slug: "hip-flexor-stretch-kneeling",
    name: "Hip flexor stretch (half kneeling)",
    category: "mobility_stretch",
    sidedness: "each_leg",
    bodyRegion: "hip",
    targetStructure: "Hip flexors",
    summary: "A kneeling stretch for the front of your hip and the top of your thigh.",
    steps: [
      "Put a cushion on the floor and kneel on it with one knee.",
      "Put your other foot forward, flat on the floor, with that knee bent.",
      "Keep your upper body upright.",
      "Slowly move your weight forward until you feel a stretch at the front of the hip on the kneeling side.",
      "Hold, then ease your weight back.",
    ],
    whatToFeel:
      "A stretch at the front of your hip and upper thigh on the side you are kneeling on.",
    stopIf: "Kneeling hurts your knee, or you feel pain in your lower back or groin.",
    cautions: [
      "Always use a soft pad under the kneeling knee.",
      "Keep your back straight. Do not lean back to get more stretch.",
      "Hold a chair beside you if your balance is unsteady.",
    ],
    dosage: { sets: 1, reps: 3, holdSeconds: 30, sessionsPerDay: 1, daysPerWeek: 7 },
    conditions: ["knee_nerve_pain", "runners_knee"],
  },
  {
    slug: "adductor-stretch-seated",
    name: "Inner thigh (adductor) stretch, sitting",
    category: "mobility_stretch",
    sidedness: "each_leg",
    bodyRegion: "thigh",
    targetStructure: "Adductors (inner thigh muscles)",
    summary:
      "A sitting stretch for your inner thigh that can ease tension on the inside of your knee.",
    steps: [
      "Sit on the floor with both legs out in front of you.",
      "Bend one knee and rest that foot against the inside of the other thigh.",
      "Sit tall, then lean forward slowly from your hips.",
      "Stop at a mild stretch along your inner thigh and hold.",
      "Sit back up slowly.",
    ],
    whatToFeel:
      "A gentle stretch along your inner thigh, sometimes down toward the inside of your knee.",
    stopIf:
      "You feel sharp pain inside your knee or in your groin, or tingling along the inside of your leg.",
    cautions: [
      "Sit on a cushion if your back rounds a lot.",
      "Do not push the bent knee down with your hands.",
    ],
    dosage: { sets: 1, reps: 3, holdSeconds: 30, sessionsPerDay: 1, daysPerWeek: 7 },
    conditions: ["medial_knee_pain", "knee_nerve_pain"],
  },
  {
    slug: "wall-slides",
    name: "Wall slides (lying)",
    category: "mobility_stretch",
    sidedness: "one_leg",
    bodyRegion: "knee",
    targetStructure: "Knee joint and thigh muscles",
    summary:
      "An easy way to bend your knee a bit further, with a wall taking the weight of your leg.",
    steps: [
      "Lie on your back near a wall and put the sole of one foot flat on it.",
      "Let your foot slide slowly down the wall so your knee bends more.",
      "Stop when you feel a mild stretch or the first sign of pain.",
      "Slide your foot back up the wall to the start.",
    ],
    whatToFeel: "Your knee bending easily, with a mild stretch around it.",
    stopIf: "You feel sharp pain, the knee catches or locks, or it swells afterwards.",
    cautions: [
      "Let gravity do the work. Do not push the bend.",
      "Move slowly and keep the movement smooth.",
    ],
    dosage: { sets: 1, reps: 12, sessionsPerDay: 1, daysPerWeek: 7 },
    conditions: ["medial_knee_pain", "knee_nerve_pain"],
  },
  {
    slug: "controlled-knee-bends",
    name: "Controlled knee bends",
    category: "mobility_stretch",
    sidedness: "together",
    bodyRegion: "knee",
    targetStructure: "Knee joint and thigh muscles",
    summary: "Slow, small knee bends that keep your knee moving without strain.",
    steps: [
      "Stand tall with your feet hip width apart and hold a counter or chair.",
      "Bend both knees slowly, as if about to sit a little way down.",
      "Keep your knees pointing the same way as your toes.",
      "Stop before any pain starts, then straighten up slowly.",
    ],
    whatToFeel: "Easy movement in your knees and light work in your thighs.",
    stopIf: "You feel pain inside your knee, or the knee catches, locks or gives way.",
    cautions: [
      "Stay in a range that does not hurt. Do not go into a deep squat.",
      "Keep your weight spread evenly over both feet.",
    ],
    dosage: { sets: 1, reps: 12, sessionsPerDay: 1, daysPerWeek: 7 },
    conditions: ["medial_knee_pain"],
  },

  // ---------------------------------------------------------------- soft tissue
  {
    slug: "foam-roller-it-band",
    name: "Foam roller for the outer thigh (IT band)",
    category: "soft_tissue",
    sidedness: "each_leg",
    bodyRegion: "thigh",
    targetStructure: "Iliotibial (IT) band and outer thigh",
    summary:
      "Rolling the side of your thigh on a foam roller to ease tightness that can add to knee pain.",
    steps: [
      "Lie on one side and rest the outside of your thigh on a foam roller.",
      "Support yourself on your forearm and put your top foot on the floor in front of you.",
      "Roll slowly up and down between your hip and just above your knee.",
      "Spend a little longer on tight spots, but keep the pressure bearable.",
    ],
    whatToFeel:
      "Firm pressure along the side of your thigh. It may be a little uncomfortable but should ease as you go.",
    stopIf:
      "The pain is sharp or makes you hold your breath, or you get tingling or numbness down your leg.",
    cautions: [
      "Stop above the knee. Keep the roller off the bony bump just below the outside of your knee, where a nerve lies close to the skin.",
      "If the pressure feels too strong, lean on your top foot and arm to ease it.",
      "Ask your clinician first if you bruise easily or take blood thinners.",
    ],
    dosage: { durationSeconds: 90, sessionsPerDay: 1, daysPerWeek: 5 },
    conditions: ["runners_knee"],
  },

  // ---------------------------------------------------------------- strengthening
  {
    slug: "quadriceps-sets",
    name: "Quadriceps sets (thigh squeeze)",
    category: "strengthening",
    sidedness: "one_leg",
    bodyRegion: "thigh",
    targetStructure: "Quadriceps",
    summary: "Tightening the muscle at the front of your thigh without moving your knee.",
    steps: [
      "Sit or lie with your leg out straight and a small rolled towel under your knee.",
      "Tighten your thigh muscle so the back of your knee pushes down on the towel.",
      "Hold the squeeze and keep breathing.",
      "Relax completely, then repeat.",
    ],
    whatToFeel: "The muscle above your kneecap turning firm. Your kneecap may move up a little.",
    stopIf: "You feel sharp pain in your knee.",
    cautions: ["Do not hold your breath while you squeeze."],
    dosage: { sets: 3, reps: 10, holdSeconds: 5, sessionsPerDay: 1, daysPerWeek: 7 },
    conditions: ["knee_nerve_pain", "medial_knee_pain", "runners_knee", "sciatica_knee_pain"],
  },
  {
    slug: "straight-leg-raise",
    name: "Straight leg raise",
    category: "strengthening",
    sidedness: "one_leg",
    bodyRegion: "thigh",
    targetStructure: "Quadriceps and hip flexors",
    summary:
      "Lifting a straight leg while lying down to build thigh strength without bending your knee.",
    steps: [
      "Lie on your back with one knee bent and that foot flat on the floor.",
      "Keep the other leg straight and tighten the front of that thigh.",
      "Lift the straight leg slowly until it is about a hand's width off the floor, or up to the height of the other knee.",
      "Lower it slowly and keep your thigh tight the whole way down.",
      "Keep your back flat against the floor throughout.",
    ],
    whatToFeel: "Work in the front of your thigh and hip.",
    stopIf:
      "You feel pain in your knee or lower back, or pain or tingling that runs down the back of your leg.",
    cautions: [
      "If the knee bends as you lift, tighten your thigh firmly or keep the lift lower.",
      "With sciatica, lifting a straight leg can pull on the nerve. Keep it low and stop if leg symptoms start.",
    ],
    dosage: { sets: 2, reps: 10, sessionsPerDay: 1, daysPerWeek: 4 },
    conditions: ["knee_nerve_pain", "medial_knee_pain", "runners_knee", "sciatica_knee_pain"],
  },
  {
    slug: "terminal-knee-extension-band",
    name: "Terminal knee extension with a band",
    category: "strengthening",
    sidedness: "one_leg",
    bodyRegion: "knee",
    targetStructure: "Quadriceps",
    summary: "Straightening your knee the last little bit against a resistance band.",
    steps: [
      "Tie a resistance band to something solid at about knee height.",
      "Put the loop behind one knee and face the anchor.",
      "Step back until the band is tight, with the knee slightly bent.",
      "Straighten the knee fully by tightening your thigh, pushing back against the band.",
      "Let the knee bend again slowly and under control.",
    ],
    whatToFeel: "Your thigh muscle working hard as your knee straightens.",
    stopIf: "You feel pain at the front of your knee or behind it.",
    cautions: [
      "Check the anchor and the band for damage before you start.",
      "Keep your heel on the floor and your knee in line with your toes.",
    ],
    dosage: { sets: 2, reps: 12, sessionsPerDay: 1, daysPerWeek: 4 },
    conditions: ["knee_nerve_pain", "medial_knee_pain", "runners_knee"],
  },
  {
    slug: "glute-bridge",
    name: "Glute bridge",
    category: "strengthening",
    sidedness: "together",
    bodyRegion: "hip",
    targetStructure: "Gluteal (buttock) muscles",
    summary:
      "Lifting your hips off the floor to strengthen the buttock muscles that steady your knee.",
    steps: [
      "Lie on your back with your knees bent and feet flat, hip width apart.",
      "Tighten your stomach and squeeze your buttocks.",
      "Lift your hips until your shoulders, hips and knees are in a straight line.",
      "Pause for a moment at the top.",
      "Lower your hips slowly back to the floor.",
    ],
    whatToFeel: "Work in your buttocks and the back of your thighs.",
    stopIf: "You feel pain in your lower back or knee, or leg symptoms get worse.",
    cautions: [
      "Do not arch your back at the top. Lift only to a straight line.",
      "If your hamstrings cramp, move your feet a little closer to your bottom.",
    ],
    dosage: { sets: 2, reps: 12, sessionsPerDay: 1, daysPerWeek: 4 },
    conditions: ["knee_nerve_pain", "runners_knee", "sciatica_knee_pain"],
  },
  {
    slug: "clamshell",
    name: "Clamshell",
    category: "strengthening",
    sidedness: "each_leg",
    bodyRegion: "hip",
    targetStructure: "Hip abductors and outer buttock muscles",
    summary:
      "Opening and closing your knees while lying on your side to strengthen the side of your hip.",
    steps: [
      "Lie on one side, hips stacked, knees bent, with your feet and knees touching.",
      "Keep your feet touching and lift your top knee as far as you can without your hips rolling back.",
      "Pause briefly at the top.",
      "Lower the knee slowly.",
    ],
    whatToFeel: "Work in the side of your hip and your buttock.",
    stopIf: "You feel pain in your hip, lower back or knee.",
    cautions: [
      "Keep your hips stacked. A smaller lift done well is better than a big one with your body rolling.",
    ],
    dosage: { sets: 3, reps: 10, sessionsPerDay: 1, daysPerWeek: 4 },
    conditions: ["knee_nerve_pain", "runners_knee", "sciatica_knee_pain"],
  },
  {
    slug: "calf-raises",
    name: "Calf raises (standing)",
    category: "strengthening",
    sidedness: "together",
    bodyRegion: "lower_leg",
    targetStructure: "Calf muscles",
    summary:
      "Rising up on your toes to strengthen your calves and help blood flow in your lower leg.",
    steps: [
      "Stand with your feet hip width apart, holding a counter or chair.",
      "Rise slowly onto the balls of your feet.",
      "Pause for a moment at the top.",
      "Lower your heels slowly back to the floor.",
    ],
    whatToFeel: "Work in your calves.",
    stopIf:
      "You feel pain in your knee, calf or Achilles tendon, or your calf is red, swollen or warm.",
    cautions: [
      "Keep your weight over the middle of your feet, not rolling out to the little toes.",
      "Hold on to something steady if your balance is poor.",
    ],
    dosage: { sets: 2, reps: 15, sessionsPerDay: 1, daysPerWeek: 4 },
    conditions: ["knee_nerve_pain", "runners_knee", "sciatica_knee_pain"],
  },
  {
    slug: "adductor-squeeze",
    name: "Inner thigh (adductor) squeeze",
    category: "strengthening",
    sidedness: "together",
    bodyRegion: "thigh",
    targetStructure: "Adductors (inner thigh muscles)",
    summary:
      "Squeezing a soft ball between your knees to strengthen the muscles that support the inside of your knee.",
    steps: [
      "Sit or lie on your back with your knees bent.",
      "Put a soft ball or a folded pillow between your knees.",
      "Squeeze your knees together gently and keep your posture still.",
      "Relax slowly, then repeat.",
    ],
    whatToFeel: "Work along your inner thighs.",
    stopIf: "You feel pain on the inside of your knee or in your groin.",
    cautions: ["Squeeze gently. Do not press as hard as you can."],
    dosage: { sets: 2, reps: 12, sessionsPerDay: 1, daysPerWeek: 4 },
    conditions: ["medial_knee_pain"],
  },
  {
    slug: "kneeling-leg-extension",
    name: "Kneeling leg extension",
    category: "strengthening",
    sidedness: "each_leg",
    bodyRegion: "thigh",
    targetStructure: "Quadriceps, glutes and hamstrings",
    summary:
      "Straightening one leg out behind you from hands and knees to build strength around your knee.",
    steps: [
      "Get onto your hands and knees on a soft mat.",
      "Keep your back flat and your stomach gently tight.",
      "Slowly straighten one leg out behind you until it is level with your body.",
      "Bring the knee back under you slowly.",
    ],
    whatToFeel: "Work in the thigh and buttock of the leg you are moving.",
    stopIf: "Kneeling hurts the knee on the floor, or you feel pain in your lower back.",
    cautions: [
      "Use a thick mat or cushion under your knees.",
      "Do not lift the leg higher than your body. That arches your back.",
    ],
    dosage: { sets: 2, reps: 10, sessionsPerDay: 1, daysPerWeek: 4 },
    conditions: ["medial_knee_pain"],
  },
  {
    slug: "wall-squat",
    name: "Wall squat",
    category: "strengthening",
    sidedness: "together",
    bodyRegion: "thigh",
    targetStructure: "Quadriceps and glutes",
    summary: "A small squat with your back against a wall to build thigh strength safely.",
    steps: [
      "Stand with your back against a wall and your feet about a step out from it.",
      "Slide your back down the wall slowly into a shallow squat.",
      "Keep your knees over your feet and your heels on the floor.",
      "Pause briefly, then push up the wall to standing.",
    ],
    whatToFeel: "Work in the front of your thighs and your buttocks.",
    stopIf: "You feel pain at the front of your knee or around your kneecap.",
    cautions: [
      "Keep the squat shallow. Do not go down into a deep squat.",
      "Do not let your knees move in front of your toes.",
    ],
    dosage: { sets: 2, reps: 10, sessionsPerDay: 1, daysPerWeek: 4 },
    conditions: ["knee_nerve_pain", "runners_knee", "sciatica_knee_pain"],
  },
  {
    slug: "hamstring-curl",
    name: "Hamstring curl",
    category: "strengthening",
    sidedness: "one_leg",
    bodyRegion: "thigh",
    targetStructure: "Hamstrings",
    summary: "Bending your knee against light resistance to strengthen the back of your thigh.",
    steps: [
      "Lie on your front with your legs straight, or stand holding a counter.",
      "Bend one knee slowly and bring your heel up toward your bottom.",
      "Lower the foot slowly back down.",
    ],
    whatToFeel: "Work in the back of your thigh.",
    stopIf:
      "You feel pain behind your knee, a cramp that does not ease, or tingling down your leg.",
    cautions: [
      "Move slowly both ways. Do not swing the leg.",
      "Keep your hips flat on the bed or your thigh still if you are standing.",
    ],
    dosage: { sets: 2, reps: 12, sessionsPerDay: 1, daysPerWeek: 4 },
    conditions: ["knee_nerve_pain", "runners_knee", "sciatica_knee_pain"],
  },
  {
    slug: "lateral-leg-raise",
    name: "Side leg raise",
    category: "strengthening",
    sidedness: "each_leg",
    bodyRegion: "hip",
    targetStructure: "Hip abductors (side of the hip)",
    summary:
      "Lifting your top leg while lying on your side to strengthen the muscles that keep your knee in line.",
    steps: [
      "Lie on your side with your bottom knee bent for balance.",
      "Keep your top leg straight and in line with your body.",
      "Lift the top leg slowly toward the ceiling, leading with your heel.",
      "Lower it slowly.",
    ],
    whatToFeel: "Work in the side of your hip.",
    stopIf: "You feel pain in your hip, lower back or knee.",
    cautions: [
      "Do not let your hips roll back or your toes turn up to the ceiling.",
      "Only lift as high as you can without your body moving.",
    ],
    dosage: { sets: 2, reps: 12, sessionsPerDay: 1, daysPerWeek: 4 },
    conditions: ["knee_nerve_pain", "runners_knee", "sciatica_knee_pain"],
  },

  // ---------------------------------------------------------------- cardio
  {
    slug: "stationary-cycling-gentle",
    name: "Gentle exercise bike",
    category: "cardio",
    sidedness: "together",
    bodyRegion: "whole_leg",
    targetStructure: "Knee joint and leg muscles",
    summary: "Easy pedalling on an exercise bike to keep your knee moving without much load.",
    steps: [
      "Set the seat so your knee is only slightly bent when the pedal is at the bottom.",
      "Set the resistance as low as it goes.",
      "Pedal at a steady, easy pace.",
      "Keep the movement smooth and even the whole time.",
    ],
    whatToFeel:
      "Your knees moving freely and your legs warming up. You should be able to talk easily.",
    stopIf: "Your knee pain rises as you ride, or you get tingling or numbness in your leg.",
    cautions: [
      "A seat set too low bends your knee a lot and can make knee pain worse.",
      "Keep the resistance at the level your clinician set.",
    ],
    dosage: { durationSeconds: 600, sessionsPerDay: 1, daysPerWeek: 5 },
    conditions: ["medial_knee_pain", "knee_nerve_pain", "runners_knee", "sciatica_knee_pain"],
  },
];
