// A French book's i18n/fr/code.json, as Docusaurus hands it to the page: the theme's ids translated.
const codetranslations = {
  "lectern.continue.start": "Commencer la lecture",
  "lectern.continue.action": "Continuer",
  "lectern.forYou.heading": "Pour vous",
  "lectern.level.beginner": "débutant",
  "lectern.track.hardware": "matériel",
  "lectern.forLevel.kind": "{level} {track}",
  "lectern.reason.matches": "correspond à votre {answer}",
  "lectern.reason.answer": "{question} « {answer} »",
  "lectern.question.hardwareKnowledge": "connaissance du matériel",
  "lectern.answer.none": "Aucune",
  "lectern.reason.inferredTrack": "{track} déduit : {signals}",
};
export default codetranslations;
