/**
 * English templates for the project's own training examples. Slots are filled per product
 * domain, so the same intent appears across e-commerce, delivery, food, telecom, banking, apps,
 * travel, cosmetics… Every class shares the same decorations (greetings, @handles, sign-offs,
 * casing), so none of them marks a class.
 */
export interface Domain {
  name: string;
  /** Things a customer asks how to do (verb phrases). */
  tasks: string[];
  /** Facts a customer asks about (noun phrases). */
  facts: string[];
  /** Things that went wrong (full clauses, first person). */
  failures: string[];
  /** Proposed improvements (verb phrases: "add …", "offer …"). */
  ideas: string[];
}

export const EN_DOMAINS: Domain[] = [
  {
    name: 'shop',
    tasks: ['change the delivery address on my order', 'return an item I bought online', 'exchange a jacket for a smaller size', 'use two gift cards on one order', 'track my parcel', 'get an invoice for my order', 'add a note for the courier', 'pay with PayPal', 'find my order number', 'combine two orders into one delivery'],
    facts: ['your returns policy for sale items', 'the delivery cost to Ireland', 'when the blue dress will be back in stock', 'whether the boots run true to size', 'how long standard delivery takes', 'the warranty on the coffee machine', 'your store opening hours on Sunday'],
    failures: ['my order arrived with the screen cracked', 'I received the wrong size and the wrong colour', 'the parcel was marked delivered but nothing came', 'I was charged twice for the same order', 'the jacket fell apart after one wash', 'half of my order is missing', 'my refund still has not come through after three weeks', 'the discount code was not applied at checkout'],
    ideas: ['offer a click and collect option', 'show stock levels for each size', 'add a wishlist I can share', 'use less plastic in the packaging', 'let me choose a delivery time slot', 'add more photos of the products', 'send an email when an item is back in stock', 'offer free returns for members'],
  },
  {
    name: 'food',
    tasks: ['order for a group of ten', 'change my order before it is picked up', 'add a tip for the rider', 'book a table for Saturday evening', 'see the allergen information', 'use my loyalty points'],
    facts: ['whether the curry contains nuts', 'your delivery area', 'the minimum order for free delivery', 'if you have gluten-free pizza bases', 'what time the kitchen closes'],
    failures: ['my food arrived cold an hour late', 'the rider was rude and left the bag on the floor', 'they forgot the drinks and the side dishes', 'I found a hair in my noodles', 'the burger was raw in the middle', 'I got someone else’s order', 'the portion was half the size of last time', 'I got food poisoning after eating your chicken'],
    ideas: ['add more vegetarian dishes to the menu', 'offer smaller portions for kids', 'let me save my favourite orders', 'show the calories on the menu', 'open later on Fridays', 'bring back the spicy wings', 'offer a lunch set menu', 'let us pick cutlery or no cutlery'],
  },
  {
    name: 'telecom',
    tasks: ['upgrade my plan', 'transfer my number to a new SIM', 'set up voicemail', 'add a second line to my contract', 'turn on roaming before my trip', 'check my data usage', 'move my broadband to a new address'],
    facts: ['the roaming charges in Japan', 'when my contract ends', 'whether 5G is available in my area', 'the cost of an extra SIM', 'how the family plan works'],
    failures: ['my internet has been down for three days', 'I was billed for calls I never made', 'the engineer never showed up for the appointment', 'my signal drops every evening', 'you raised my bill without telling me', 'I have called four times and nobody fixed the line', 'my number was ported without my permission'],
    ideas: ['offer a cheaper data-only plan', 'send a text before the engineer arrives', 'let me pause my plan while I travel', 'add live chat in the evenings', 'show a breakdown of the bill in the app', 'offer rollover data'],
  },
  {
    name: 'bank',
    tasks: ['order a new debit card', 'increase my daily transfer limit', 'set up a standing order', 'change the phone number on my account', 'open a joint account', 'freeze my card in the app', 'download last year’s statements'],
    facts: ['the fee for international transfers', 'the interest rate on the savings account', 'how long a transfer to another bank takes', 'what documents I need for a mortgage', 'whether my card works abroad'],
    failures: ['a payment left my account twice', 'my card was blocked while I was abroad and nobody helped', 'I was charged an overdraft fee by mistake', 'my transfer has been pending for a week', 'someone took money from my account and you refuse to refund it', 'the app logs me out every time I try to pay'],
    ideas: ['add spending categories to the app', 'let me set savings goals', 'offer Apple Pay for business cards', 'send a notification for every card payment', 'add a dark mode to the banking app', 'let me round up purchases into savings'],
  },
  {
    name: 'app',
    tasks: ['reset my password', 'export my data to a spreadsheet', 'add another user to my workspace', 'connect the app to my calendar', 'delete my account', 'restore a deleted project', 'change the language of the interface', 'sync my notes between phone and laptop'],
    facts: ['the price of the team plan', 'whether the app works offline', 'the file size limit for uploads', 'which browsers you support', 'where my data is stored'],
    failures: ['the app crashes every time I open the camera', 'I lost all my notes after the last update', 'the export button does nothing', 'sync has been broken since Tuesday', 'I was charged after I cancelled my subscription', 'the login page keeps showing an error', 'notifications stopped working after the update', 'the search returns nothing even for exact titles'],
    ideas: ['add a dark mode', 'let me export to CSV', 'add keyboard shortcuts', 'support two-factor authentication with an app', 'allow offline editing', 'add an undo button', 'let users change the font size', 'provide an API for the reports', 'let me sort files by size', 'add tags to notes'],
  },
  {
    name: 'travel',
    tasks: ['change the date of my flight', 'add checked luggage to my booking', 'choose a seat', 'book a room with two beds', 'add a child to the reservation', 'get a receipt for my stay', 'cancel my hotel booking'],
    facts: ['the baggage allowance on international flights', 'whether breakfast is included', 'what time check-in opens', 'if pets are allowed in the rooms', 'the cancellation policy'],
    failures: ['my flight was cancelled and nobody told me', 'our room was dirty and smelled of smoke', 'my suitcase has been lost for five days', 'I was charged for a room I cancelled', 'the shuttle never came and we missed our flight', 'the air conditioning did not work all week', 'staff at the front desk were rude to us'],
    ideas: ['offer late check-out for members', 'add vegetarian meals on short flights', 'let me pick seats for free when travelling with kids', 'send gate changes by text', 'put kettles in the rooms', 'offer a quiet floor'],
  },
  {
    name: 'beauty',
    tasks: ['find the right foundation shade', 'return an opened lipstick', 'redeem my birthday gift', 'subscribe to the monthly box', 'change the products in my box'],
    facts: ['whether the serum is safe during pregnancy', 'if your products are tested on animals', 'the ingredients of the night cream', 'the shelf life of the sunscreen'],
    failures: ['the cream gave me a rash', 'the bottle leaked all over the box', 'I received an expired moisturiser', 'my subscription box never arrived', 'the shade is nothing like the picture'],
    ideas: ['offer refill packs', 'make travel sizes of the best sellers', 'add more shades for darker skin', 'list all ingredients on the website', 'use glass instead of plastic jars'],
  },
  {
    name: 'developer platform',
    tasks: ['get the current accent colour from my app', 'sign my package before submitting it to the store', 'run the emulator on a machine without a GPU', 'debug a background task', 'read the battery level from a desktop app', 'localise my app name in the store listing'],
    facts: ['whether the new SDK supports older devices', 'the size limit for app packages', 'how long certification usually takes', 'which APIs need an extra capability', 'when the preview build will be released'],
    failures: ['the emulator crashes every time I rotate the screen', 'the build fails since the last SDK update', 'my app has been stuck in certification for two weeks', 'the docs for the file picker are wrong and the sample does not compile', 'the store dashboard shows zero downloads although users are buying the app', 'the background task is killed after ten seconds even when plugged in'],
    ideas: ['expose the theme settings through an API', 'allow apps to keep running in the background while music plays', 'support custom fonts in the text control', 'provide a command line tool for store submissions', 'let developers read the camera stream directly', 'add a setting to postpone automatic updates', 'allow third-party keyboards', 'make the taskbar height configurable', 'provide sample code for the new controls', 'support drag and drop between windows', 'give users a way to pin settings pages to the start screen', 'open the notification centre to third-party apps'],
  },
];

export const EN_QUESTION: string[] = [
  'How do I {task}?', 'how can i {task}', 'Can I {task}?', 'Is it possible to {task}?', 'Could you tell me how to {task}?',
  'I need to {task}, what do I do?', 'What is the best way to {task}?', 'Can you help me {task}?', "I'd like to {task}. How does that work?",
  'Can you tell me {fact}?', 'I would like to know {fact}.', 'Quick question about {fact}', 'What is {fact}?', 'Could you let me know {fact}?',
  'Do you know {fact}?', '@{brand} quick one: {fact}?', '@{brand} need to {task}', '@{brand} trying to {task}, any pointers', 'anyone know how to {task}',
  'Looking for {fact}', 'what about {fact}', '@{brand} {fact} pls', 'I want to {task}. Who do I contact?', 'Please advise how to {task}.',
  'Hello, I am trying to {task}. Could you point me to the right page?', 'Is it still possible to {task}', 'do you guys know {fact}', 'Not sure who to ask, {fact}?', 'Hey there, any info on {fact}?', 'Need info on {fact}', 'Hi, wondering about {fact}', 'Where can I find {fact}?', 'Just checking {fact}, thanks', 'Is there a way to {task}?', 'Need help to {task} please',
];

export const EN_COMPLAINT: string[] = [
  '{Failure}.', '{Failure} and nobody has replied to my emails.', '{Failure}. This is unacceptable.', 'Really disappointed: {failure}.',
  '{Failure}, I want a refund.', 'Why is it that {failure}?', 'Third time contacting you: {failure}.', '{Failure}. Terrible service.',
  'I am writing to complain. {Failure}.', '{Failure} and your support just keeps closing my ticket.', 'Not happy at all, {failure}.',
  '{Failure}! Sort it out.', 'Hi, {failure}. Can someone fix this today?', '{Failure}. What are you going to do about it?',
  'Still no answer: {failure}.', '{Failure}. You should train your staff better.', '{Failure}. Please fix this and refund me.',
  '{Failure}. I suggest you check your orders before sending them.', 'Avoid them, {failure}.', '{Failure}, never ordering again.',
  '{Failure}... would it kill you to answer an email?', 'Is this a joke? {Failure}.', '{Failure}. How is this acceptable?', '{Failure}, worst experience I have had.', 'So annoyed, {failure}', 'Please explain why {failure}.',
  // Grievances phrased as questions or help requests (GUIDELINES.md: still complaints).
  '@{brand} {failure}, how do I get this sorted?', '{Failure}. Who do I speak to about this?', 'How do I get my money back? {Failure}.',
  'Can someone tell me why {failure}?', '{Failure}. When is this going to be fixed?', '@{brand} {failure}. Can you help?',
  'Hi, {failure}. What are my options?', '{Failure}, how can I reach someone who can actually help?',
];

export const EN_SUGGESTION: string[] = [
  'Please {idea}.', 'It would be great if you could {idea}.', 'Suggestion: {idea}.', 'You should {idea}.', 'Would love it if you could {idea}.',
  'Any chance you could {idea}? It would really help.', 'I think it would be better to {idea}.', 'Idea for the team: {idea}.',
  'Love the service! One idea: {idea}.', 'It would be nice to {idea}.', 'Have you thought about a way to {idea}?', 'Feature request: {idea}',
  'Could you consider an option to {idea}?', 'Why not {idea}? Lots of people would use it.', 'My suggestion would be to {idea}.',
  'Allow users to {idea}.', 'I would like to be able to {idea}.', 'As a user I want to be able to {idea}.', 'There should be a way to {idea}.',
  'It would make sense to {idea}.', 'Let us {idea}, please.', 'A small request: {idea}.', 'One improvement: {idea}.',
  'Great product, but it would be even better if you {idea}.', 'Hope you will {idea} in the next version.', 'pls {idea}', 'Consider adding a way to {idea}.',
  'Currently there is no way to {idea}. An option for that would help a lot.', 'It would be useful to be able to {idea}.', 'The next version should {idea}.',
  'Being able to {idea} would make this so much better.', 'I would really appreciate it if you could {idea}.', 'We need the ability to {idea}.',
  '@{brand} you should really {idea}', 'Just an idea, but maybe {idea}?', 'Please, please {idea}!', 'If you could {idea} that would be perfect',
  'Hey, any plans to {idea}? Would be a great addition.', 'To make it easier for users, {idea}.', 'For the next release: {idea}.',
];

export const EN_OTHER: string[] = [
  'Thanks so much, that fixed it!', 'Great service as always, thank you.', 'Love my new boots, fit perfectly.', 'ok thanks', 'Cheers!',
  'Just wanted to say the delivery driver was lovely.', 'Happy Friday everyone', 'lol', 'test', 'Thank you for the quick reply.',
  'Best pizza in town.', 'Never mind, found it.', 'Got it, thanks for your help.', 'Five stars, would recommend.', 'Good morning!',
  'Watching the match tonight, who is in?', 'My cat loves the new food', 'Excellent stay, we will be back.', 'no worries', 'Haha fair enough',
];

export const EN_PREFIX = ['', '', '', 'Hi, ', 'Hello, ', 'Hi team, ', 'Good morning. ', '@{brand} ', '@{brand} ', 'Hey, ', 'Dear support, '];
export const EN_SUFFIX = ['', '', '', ' Thanks.', ' Thanks!', ' thx', ' Order #{num}.', ' Cheers', ' Regards, Sam', ' (order {num})'];
export const EN_BRANDS = ['ShopHelp', 'FoodNowUK', 'TelcoCare', 'BankSupport', 'AppHelp', 'FlyAway', 'GlowBeauty', 'HomeStoreHelp'];
